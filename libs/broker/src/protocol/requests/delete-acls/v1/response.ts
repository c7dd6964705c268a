// DeleteAcls Response (Version: 1) => throttle_time_ms [filter_results]
//   throttle_time_ms => INT32
//   filter_results => error_code error_message [matching_acls]
//     error_code => INT16
//     error_message => NULLABLE_STRING
//     matching_acls => error_code error_message resource_type resource_name pattern_type principal host operation permission_type
//       error_code => INT16
//       error_message => NULLABLE_STRING
//       resource_type => INT8
//       resource_name => STRING
//       pattern_type => INT8
//       principal => STRING
//       host => STRING
//       operation => INT8
//       permission_type => INT8

import { array, int16, int32, int8, nullableString, string, struct } from '../../../primitives';

export const deleteAclsResponseV1 = struct({
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
          patternType: int8,
          principal: string,
          host: string,
          operation: int8,
          permissionType: int8,
        }),
      ),
    }),
  ),
});
