// FindCoordinator Request (Version: 2) => key key_type
//   key => STRING
//   key_type => INT8

import { struct } from '../../../primitives';
import { findCoordinatorRequestV1Fields } from '../v1/request';

export const findCoordinatorRequestV2Fields = findCoordinatorRequestV1Fields;

export const findCoordinatorRequestV2 = struct(findCoordinatorRequestV2Fields);
