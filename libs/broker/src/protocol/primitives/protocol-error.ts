/** A frame that does not follow the grammar it claims to. The connection that sent it is closed. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}
