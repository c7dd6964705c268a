// FindCoordinator Request (Version: 1) => key key_type
//   key => STRING
//   key_type => INT8

import { int8, struct } from '../../../primitives';
import { findCoordinatorRequestV0Fields } from '../v0/request';

export const findCoordinatorRequestV1Fields = {
  ...findCoordinatorRequestV0Fields,
  keyType: int8,
};

export const findCoordinatorRequestV1 = struct(findCoordinatorRequestV1Fields);
