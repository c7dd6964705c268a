import { defineApi } from '../../api-definition';
import { ApiKey } from '../../api-keys';
import type { Infer } from '../../primitives';
import { saslAuthenticateRequestV0 } from './v0/request';
import { saslAuthenticateResponseV0 } from './v0/response';
import { saslAuthenticateRequestV1 } from './v1/request';
import { saslAuthenticateResponseV1 } from './v1/response';

export type SaslAuthenticateRequest = Infer<typeof saslAuthenticateRequestV1>;
export type SaslAuthenticateResponse = Infer<typeof saslAuthenticateResponseV1>;

export const saslAuthenticateApi = defineApi<SaslAuthenticateRequest, SaslAuthenticateResponse>({
  key: ApiKey.SaslAuthenticate,
  name: 'SaslAuthenticate',
  versions: {
    0: { request: saslAuthenticateRequestV0, response: saslAuthenticateResponseV0 },
    1: { request: saslAuthenticateRequestV1, response: saslAuthenticateResponseV1 },
  },
});
