// SaslHandshake Response (Version: 0) => error_code [mechanisms]
//   error_code => INT16
//   mechanisms => STRING

import { array, int16, string, struct } from '../../../primitives';

export const saslHandshakeResponseV0Fields = {
  errorCode: int16,
  mechanisms: array(string),
};

export const saslHandshakeResponseV0 = struct(saslHandshakeResponseV0Fields);
