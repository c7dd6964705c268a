// SaslAuthenticate Response (Version: 0) => error_code error_message auth_bytes
//   error_code => INT16
//   error_message => NULLABLE_STRING
//   auth_bytes => BYTES

import { absent, bytes, int16, nullableString, struct } from '../../../primitives';

export const saslAuthenticateResponseV0Fields = {
  errorCode: int16,
  errorMessage: nullableString,
  authBytes: bytes,
};

export const saslAuthenticateResponseV0 = struct({
  ...saslAuthenticateResponseV0Fields,
  sessionLifetimeMs: absent(0),
});
