// FindCoordinator Response (Version: 2) => throttle_time_ms error_code error_message node_id host port
//   throttle_time_ms => INT32
//   error_code => INT16
//   error_message => NULLABLE_STRING
//   node_id => INT32
//   host => STRING
//   port => INT32

import { struct } from '../../../primitives';
import { findCoordinatorResponseV1Fields } from '../v1/response';

export const findCoordinatorResponseV2Fields = findCoordinatorResponseV1Fields;

export const findCoordinatorResponseV2 = struct(findCoordinatorResponseV2Fields);
