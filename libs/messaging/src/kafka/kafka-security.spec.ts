import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KafkaSecurityError, resolveKafkaSecurity } from './kafka-security';

describe('resolveKafkaSecurity', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'kafka-security-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string): string => {
    const at = path.join(dir, name);
    writeFileSync(at, content);
    return at;
  };

  it('uses neither SASL nor TLS when nothing is set, as a client of an unsecured cluster', () => {
    expect(resolveKafkaSecurity({})).toEqual({});
    // compose writes an unset variable as VAR= (empty): still unset.
    expect(resolveKafkaSecurity({ KAFKA_SASL_MECHANISM: '', KAFKA_SSL: '' })).toEqual({});
  });

  it('takes a mechanism (any case), a user and a password, kept exactly as written', () => {
    expect(
      resolveKafkaSecurity({
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
        KAFKA_SASL_USERNAME: 'payments',
        KAFKA_SASL_PASSWORD: ' p@ss word ',
      }),
    ).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'payments', password: ' p@ss word ' },
    });
  });

  it('reads the password from a mounted secret file, without its trailing newline', () => {
    const secret = file('password', 's3cret\n');
    expect(
      resolveKafkaSecurity({
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'orders',
        KAFKA_SASL_PASSWORD_FILE: secret,
      }).sasl,
    ).toEqual({ mechanism: 'plain', username: 'orders', password: 's3cret' });
  });

  it.each([
    [{ KAFKA_SASL_USERNAME: 'orders' }, /KAFKA_SASL_MECHANISM is not set/],
    [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'o' }, /'gssapi' is not one of/],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_PASSWORD: 'x' },
      /KAFKA_SASL_USERNAME is not set/,
    ],
    [
      { KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'o' },
      /neither KAFKA_SASL_PASSWORD nor KAFKA_SASL_PASSWORD_FILE/,
    ],
    [
      {
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'o',
        KAFKA_SASL_PASSWORD: 'x',
        KAFKA_SASL_PASSWORD_FILE: '/dev/null',
      },
      /both set/,
    ],
    [
      {
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'o',
        KAFKA_SASL_PASSWORD_FILE: '/nonexistent/password',
      },
      /KAFKA_SASL_PASSWORD_FILE \/nonexistent\/password cannot be read/,
    ],
    [{ KAFKA_SSL: 'maybe' }, /KAFKA_SSL 'maybe' is not true or false/],
    [{ KAFKA_SSL: 'false', KAFKA_SSL_CA_FILE: '/dev/null' }, /KAFKA_SSL is false/],
  ])('refuses half a configuration: %j', (env, message) => {
    expect(() => resolveKafkaSecurity(env)).toThrow(KafkaSecurityError);
    expect(() => resolveKafkaSecurity(env)).toThrow(message);
  });

  it('refuses an empty password file', () => {
    const empty = file('empty', '\n');
    expect(() =>
      resolveKafkaSecurity({
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'o',
        KAFKA_SASL_PASSWORD_FILE: empty,
      }),
    ).toThrow(`KAFKA_SASL_PASSWORD_FILE ${empty} is empty`);
  });

  it('turns TLS on with KAFKA_SSL, or trusts the CA bundle KAFKA_SSL_CA_FILE names', () => {
    expect(resolveKafkaSecurity({ KAFKA_SSL: 'true' })).toEqual({ ssl: true });
    expect(resolveKafkaSecurity({ KAFKA_SSL: 'false' })).toEqual({});
    const ca = file('ca.pem', '-----BEGIN CERTIFICATE-----\n');
    expect(resolveKafkaSecurity({ KAFKA_SSL_CA_FILE: ca })).toEqual({
      ssl: { ca: ['-----BEGIN CERTIFICATE-----\n'] },
    });
  });
});
