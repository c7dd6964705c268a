// FindCoordinator Response (Version: 0) => error_code node_id host port
//   error_code => INT16
//   node_id => INT32
//   host => STRING
//   port => INT32

import { int16, int32, string, struct } from '../../../primitives';

export const findCoordinatorResponseV0Fields = {
  errorCode: int16,
  nodeId: int32,
  host: string,
  port: int32,
};

export const findCoordinatorResponseV0 = struct(findCoordinatorResponseV0Fields);
