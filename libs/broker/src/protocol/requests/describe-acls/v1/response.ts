// DescribeAcls Response (Version: 1) => throttle_time_ms error_code error_message [resources]
//   throttle_time_ms => INT32
//   error_code => INT16
//   error_message => NULLABLE_STRING
//   resources => resource_type resource_name pattern_type [acls]
//     resource_type => INT8
//     resource_name => STRING
//     pattern_type => INT8
//     acls => principal host operation permission_type
//       principal => STRING
//       host => STRING
//       operation => INT8
//       permission_type => INT8

import { array, int8, string, struct } from '../../../primitives';
import { aclDescription, describeAclsResponseHeadFields } from '../v0/response';

export const describeAclsResponseV1 = struct({
  ...describeAclsResponseHeadFields,
  resources: array(
    struct({
      resourceType: int8,
      resourceName: string,
      patternType: int8,
      acls: array(aclDescription),
    }),
  ),
});
