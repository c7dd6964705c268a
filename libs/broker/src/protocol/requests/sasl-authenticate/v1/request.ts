// SaslAuthenticate Request (Version: 1) => auth_bytes
//   auth_bytes => BYTES

import { struct } from '../../../primitives';
import { saslAuthenticateRequestV0Fields } from '../v0/request';

export const saslAuthenticateRequestV1Fields = saslAuthenticateRequestV0Fields;

export const saslAuthenticateRequestV1 = struct(saslAuthenticateRequestV1Fields);
