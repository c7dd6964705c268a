import { ErrorCode } from '../../protocol/error-codes';
import { saslAuthenticateApi } from '../../protocol/requests/sasl-authenticate';
import { defineHandler, RespondThenClose } from '../request-handler';

const NO_BYTES = Buffer.alloc(0);

/**
 * Carries one SASL token each way after a v1 handshake (KIP-152). Wrong credentials are
 * answered SASL_AUTHENTICATION_FAILED with a message, then the connection is closed. The session
 * never expires (lifetime 0), so clients do not re-authenticate (KIP-368).
 */
export function saslAuthenticateHandler() {
  return defineHandler(saslAuthenticateApi, async (request, context) => {
    const { sasl } = context;
    if (!sasl || sasl.state === 'complete') {
      return {
        errorCode: ErrorCode.ILLEGAL_SASL_STATE,
        errorMessage: 'SaslAuthenticate request received after successful authentication',
        authBytes: NO_BYTES,
        sessionLifetimeMs: 0,
      };
    }
    if (sasl.state !== 'authenticate') {
      return new RespondThenClose(
        {
          errorCode: ErrorCode.ILLEGAL_SASL_STATE,
          errorMessage: 'Unexpected SaslAuthenticate request: no SASL handshake v1 yet',
          authBytes: NO_BYTES,
          sessionLifetimeMs: 0,
        },
        'SaslAuthenticate before the handshake',
      );
    }
    const step = await sasl.authenticate(request.authBytes);
    if (!step.ok) {
      return new RespondThenClose(
        {
          errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED,
          errorMessage: step.message,
          authBytes: NO_BYTES,
          sessionLifetimeMs: 0,
        },
        `SASL authentication failed: ${step.detail}`,
      );
    }
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      authBytes: step.response,
      sessionLifetimeMs: 0,
    };
  });
}
