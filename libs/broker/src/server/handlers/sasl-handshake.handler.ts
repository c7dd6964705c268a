import { ErrorCode } from '../../protocol/error-codes';
import { saslHandshakeApi } from '../../protocol/requests/sasl-handshake';
import { defineHandler, RespondThenClose } from '../request-handler';

/**
 * Chooses the connection's SASL mechanism (KIP-43). An unsupported one is answered
 * UNSUPPORTED_SASL_MECHANISM with the enabled list, then the connection is closed, as Kafka
 * does. On a listener without SASL, or once authenticated, it is ILLEGAL_SASL_STATE.
 */
export function saslHandshakeHandler() {
  return defineHandler(saslHandshakeApi, (request, context) => {
    const { sasl } = context;
    if (!sasl || sasl.state === 'complete') {
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
    }
    const mechanisms = [...sasl.mechanisms];
    if (sasl.state !== 'handshake') {
      return new RespondThenClose(
        { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms },
        'a second SaslHandshake',
      );
    }
    if (!sasl.handshake(request.mechanism, context.apiVersion)) {
      return new RespondThenClose(
        { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms },
        `unsupported SASL mechanism '${request.mechanism}'`,
      );
    }
    return { errorCode: ErrorCode.NONE, mechanisms };
  });
}
