// CreateAcls Request (Version: 1) => [creations]
//   creations => resource_type resource_name resource_pattern_type principal host operation permission_type
//     resource_type => INT8
//     resource_name => STRING
//     resource_pattern_type => INT8
//     principal => STRING
//     host => STRING
//     operation => INT8
//     permission_type => INT8

import { array, int8, string, struct } from '../../../primitives';

export const createAclsRequestV1 = struct({
  creations: array(
    struct({
      resourceType: int8,
      resourceName: string,
      resourcePatternType: int8,
      principal: string,
      host: string,
      operation: int8,
      permissionType: int8,
    }),
  ),
});
