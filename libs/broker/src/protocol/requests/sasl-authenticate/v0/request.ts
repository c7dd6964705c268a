// SaslAuthenticate Request (Version: 0) => auth_bytes
//   auth_bytes => BYTES

import { bytes, struct } from '../../../primitives';

export const saslAuthenticateRequestV0Fields = {
  authBytes: bytes,
};

export const saslAuthenticateRequestV0 = struct(saslAuthenticateRequestV0Fields);
