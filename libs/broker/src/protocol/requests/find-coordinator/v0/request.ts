// FindCoordinator Request (Version: 0) => key
//   key => STRING

import { string, struct } from '../../../primitives';

export const findCoordinatorRequestV0Fields = {
  key: string,
};

export const findCoordinatorRequestV0 = struct(findCoordinatorRequestV0Fields);
