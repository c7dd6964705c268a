import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { ANONYMOUS_PRINCIPAL } from './acl';

const escapeRdnValue = (value: string): string => value.replace(/([,+"\\<>;=])/g, '\\$1');

/**
 * The principal of a TLS connection without SASL, as Kafka's default principal builder makes
 * it: `User:` and the client certificate's subject in RFC 2253 order (most specific first,
 * e.g. `User:CN=orders,OU=fanout,O=Example`); `User:ANONYMOUS` without a client certificate.
 */
export function tlsPrincipal(socket: Socket): string {
  if (!(socket instanceof TLSSocket)) return ANONYMOUS_PRINCIPAL;
  const subject = socket.getPeerCertificate().subject as unknown as
    Record<string, string | string[]> | undefined;
  if (!subject || Object.keys(subject).length === 0) return ANONYMOUS_PRINCIPAL;
  const rdns = Object.entries(subject).flatMap(([type, values]) =>
    (Array.isArray(values) ? values : [values]).map((value) => `${type}=${escapeRdnValue(value)}`),
  );
  return `User:${rdns.reverse().join(',')}`;
}
