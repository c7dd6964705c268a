// SaslAuthenticate Response (Version: 1) => error_code error_message auth_bytes session_lifetime_ms
//   error_code => INT16
//   error_message => NULLABLE_STRING
//   auth_bytes => BYTES
//   session_lifetime_ms => INT64
//
// session_lifetime_ms 0: the session never expires, so the client never re-authenticates (KIP-368).

import { int64, struct } from '../../../primitives';
import { saslAuthenticateResponseV0Fields } from '../v0/response';

export const saslAuthenticateResponseV1Fields = {
  ...saslAuthenticateResponseV0Fields,
  sessionLifetimeMs: int64,
};

export const saslAuthenticateResponseV1 = struct(saslAuthenticateResponseV1Fields);
