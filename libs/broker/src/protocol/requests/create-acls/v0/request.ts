// CreateAcls Request (Version: 0) => [creations]
//   creations => resource_type resource_name principal host operation permission_type
//     resource_type => INT8
//     resource_name => STRING
//     principal => STRING
//     host => STRING
//     operation => INT8
//     permission_type => INT8
//
// v0 has no pattern type: every ACL it creates is literal (3 = LITERAL).

import { absent, array, int8, string, struct } from '../../../primitives';

export const createAclsRequestV0 = struct({
  creations: array(
    struct({
      resourceType: int8,
      resourceName: string,
      resourcePatternType: absent(3),
      principal: string,
      host: string,
      operation: int8,
      permissionType: int8,
    }),
  ),
});
