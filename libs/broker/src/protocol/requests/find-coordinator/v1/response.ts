// FindCoordinator Response (Version: 1) => throttle_time_ms error_code error_message node_id host port
//   throttle_time_ms => INT32
//   error_code => INT16
//   error_message => NULLABLE_STRING
//   node_id => INT32
//   host => STRING
//   port => INT32

import { int16, int32, nullableString, string, struct } from '../../../primitives';

export const findCoordinatorResponseV1Fields = {
  throttleTimeMs: int32,
  errorCode: int16,
  errorMessage: nullableString,
  nodeId: int32,
  host: string,
  port: int32,
};

export const findCoordinatorResponseV1 = struct(findCoordinatorResponseV1Fields);
