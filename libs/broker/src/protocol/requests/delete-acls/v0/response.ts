// DeleteAcls Response (Version: 0) => throttle_time_ms [filter_results]
//   throttle_time_ms => INT32
//   filter_results => error_code error_message [matching_acls]
//     error_code => INT16
//     error_message => NULLABLE_STRING
//     matching_acls => error_code error_message resource_type resource_name principal host operation permission_type
//       error_code => INT16
//       error_message => NULLABLE_STRING
//       resource_type => INT8
//       resource_name => STRING
//       principal => STRING
//       host => STRING
//       operation => INT8
//       permission_type => INT8

import {
  absent,
  array,
  int16,
  int32,
  int8,
  nullableString,
  string,
  struct,
} from '../../../primitives';

export const deleteAclsResponseV0 = struct({
  throttleTimeMs: int32,
  filterResults: array(
    struct({
      errorCode: int16,
      errorMessage: nullableString,
      matchingAcls: array(
        struct({
          errorCode: int16,
          errorMessage: nullableString,
          resourceType: int8,
          resourceName: string,
          patternType: absent(3),
          principal: string,
          host: string,
          operation: int8,
          permissionType: int8,
        }),
      ),
    }),
  ),
});
