// DescribeAcls Request (Version: 0) => resource_type_filter resource_name_filter principal_filter host_filter operation permission_type
//   resource_type_filter => INT8
//   resource_name_filter => NULLABLE_STRING
//   principal_filter => NULLABLE_STRING
//   host_filter => NULLABLE_STRING
//   operation => INT8
//   permission_type => INT8
//
// v0 has no pattern type: its filter matches literal resource names only (3 = LITERAL).

import { absent, int8, nullableString, struct } from '../../../primitives';

export const describeAclsRequestV0 = struct({
  resourceTypeFilter: int8,
  resourceNameFilter: nullableString,
  patternTypeFilter: absent(3),
  principalFilter: nullableString,
  hostFilter: nullableString,
  operation: int8,
  permissionType: int8,
});
