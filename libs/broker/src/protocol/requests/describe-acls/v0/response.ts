// DescribeAcls Response (Version: 0) => throttle_time_ms error_code error_message [resources]
//   throttle_time_ms => INT32
//   error_code => INT16
//   error_message => NULLABLE_STRING
//   resources => resource_type resource_name [acls]
//     resource_type => INT8
//     resource_name => STRING
//     acls => principal host operation permission_type
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

export const aclDescription = struct({
  principal: string,
  host: string,
  operation: int8,
  permissionType: int8,
});

export const describeAclsResponseHeadFields = {
  throttleTimeMs: int32,
  errorCode: int16,
  errorMessage: nullableString,
};

export const describeAclsResponseV0 = struct({
  ...describeAclsResponseHeadFields,
  resources: array(
    struct({
      resourceType: int8,
      resourceName: string,
      patternType: absent(3),
      acls: array(aclDescription),
    }),
  ),
});
