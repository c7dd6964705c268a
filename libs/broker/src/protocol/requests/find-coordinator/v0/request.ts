// FindCoordinator Request (Version: 0) => key
//   key => STRING

import { absent, string, struct } from '../../../primitives';

export const findCoordinatorRequestV0Fields = {
  key: string,
  // Before v1 every coordinator lookup is for a group (key type 0).
  keyType: absent<number>(0),
};

export const findCoordinatorRequestV0 = struct(findCoordinatorRequestV0Fields);
