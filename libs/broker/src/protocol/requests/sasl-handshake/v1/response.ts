// SaslHandshake Response (Version: 1) => error_code [mechanisms]
//   error_code => INT16
//   mechanisms => STRING

import { struct } from '../../../primitives';
import { saslHandshakeResponseV0Fields } from '../v0/response';

export const saslHandshakeResponseV1Fields = saslHandshakeResponseV0Fields;

export const saslHandshakeResponseV1 = struct(saslHandshakeResponseV1Fields);
