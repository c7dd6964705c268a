// DeleteAcls Request (Version: 0) => [filters]
//   filters => resource_type_filter resource_name_filter principal_filter host_filter operation permission_type
//     resource_type_filter => INT8
//     resource_name_filter => NULLABLE_STRING
//     principal_filter => NULLABLE_STRING
//     host_filter => NULLABLE_STRING
//     operation => INT8
//     permission_type => INT8
//
// v0 has no pattern type: its filters match literal resource names only (3 = LITERAL).

import { absent, array, int8, nullableString, struct } from '../../../primitives';

export const deleteAclsRequestV0 = struct({
  filters: array(
    struct({
      resourceTypeFilter: int8,
      resourceNameFilter: nullableString,
      patternTypeFilter: absent(3),
      principalFilter: nullableString,
      hostFilter: nullableString,
      operation: int8,
      permissionType: int8,
    }),
  ),
});
