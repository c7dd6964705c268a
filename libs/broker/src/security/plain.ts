/** A PLAIN authentication that cannot succeed; the message is what the client is told. */
export class PlainFailure extends Error {
  override readonly name = 'PlainFailure';
}

/**
 * The PLAIN message (RFC 4616): `[authzid] NUL authcid NUL passwd`. As in Kafka, an
 * authorization id other than the username is refused.
 */
export function parsePlainMessage(token: Buffer): { user: string; password: string } {
  const parts = token.toString('utf8').split('\u0000');
  if (parts.length !== 3) {
    throw new PlainFailure('Invalid SASL/PLAIN response: expected 3 tokens');
  }
  const [authzid, user, password] = parts as [string, string, string];
  if (user === '') throw new PlainFailure('Authentication failed: username not specified');
  if (password === '') throw new PlainFailure('Authentication failed: password not specified');
  if (authzid !== '' && authzid !== user) {
    throw new PlainFailure(
      'Authentication failed: Client requested an authorization id that is different from username',
    );
  }
  return { user, password };
}
