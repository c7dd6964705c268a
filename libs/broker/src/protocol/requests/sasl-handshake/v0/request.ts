// SaslHandshake Request (Version: 0) => mechanism
//   mechanism => STRING
//
// After a v0 handshake the client sends the SASL tokens as bare size-prefixed frames, without
// Kafka request headers (the framing before KIP-152).

import { string, struct } from '../../../primitives';

export const saslHandshakeRequestV0Fields = {
  mechanism: string,
};

export const saslHandshakeRequestV0 = struct(saslHandshakeRequestV0Fields);
