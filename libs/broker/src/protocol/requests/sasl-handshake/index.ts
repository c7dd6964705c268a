import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { saslHandshakeRequestV0 } from './v0/request';
import { saslHandshakeResponseV0 } from './v0/response';
import { saslHandshakeRequestV1 } from './v1/request';
import { saslHandshakeResponseV1 } from './v1/response';

export type SaslHandshakeRequest = Infer<typeof saslHandshakeRequestV1>;
export type SaslHandshakeResponse = Infer<typeof saslHandshakeResponseV1>;

export const saslHandshakeApi = defineApi<SaslHandshakeRequest, SaslHandshakeResponse>({
  key: ApiKey.SaslHandshake,
  name: 'SaslHandshake',
  versions: {
    0: { request: saslHandshakeRequestV0, response: saslHandshakeResponseV0 },
    1: { request: saslHandshakeRequestV1, response: saslHandshakeResponseV1 },
  },
});
