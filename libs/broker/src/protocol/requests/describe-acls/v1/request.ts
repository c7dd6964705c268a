// DescribeAcls Request (Version: 1) => resource_type_filter resource_name_filter pattern_type_filter principal_filter host_filter operation permission_type
//   resource_type_filter => INT8
//   resource_name_filter => NULLABLE_STRING
//   pattern_type_filter => INT8
//   principal_filter => NULLABLE_STRING
//   host_filter => NULLABLE_STRING
//   operation => INT8
//   permission_type => INT8

import { int8, nullableString, struct } from '../../../primitives';

export const describeAclsRequestV1 = struct({
  resourceTypeFilter: int8,
  resourceNameFilter: nullableString,
  patternTypeFilter: int8,
  principalFilter: nullableString,
  hostFilter: nullableString,
  operation: int8,
  permissionType: int8,
});
