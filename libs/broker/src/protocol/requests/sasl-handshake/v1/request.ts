// SaslHandshake Request (Version: 1) => mechanism
//   mechanism => STRING
//
// Same grammar as v0; v1 says the tokens follow in SaslAuthenticate requests (KIP-152).

import { struct } from '../../../primitives';
import { saslHandshakeRequestV0Fields } from '../v0/request';

export const saslHandshakeRequestV1Fields = saslHandshakeRequestV0Fields;

export const saslHandshakeRequestV1 = struct(saslHandshakeRequestV1Fields);
