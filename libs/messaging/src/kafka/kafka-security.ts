import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type { SASLOptions } from 'kafkajs';

/** How a client authenticates to Kafka and protects the connection: kafkajs's `sasl` and `ssl`. */
export interface KafkaSecurity {
  /** Absent: no SASL, as with an unsecured cluster. */
  sasl?: SASLOptions;
  /** Absent: plaintext; true: TLS trusting the system's CAs; options: TLS trusting `ca`. */
  ssl?: ConnectionOptions | true;
}

/** The mechanisms Fanout's clients speak, as kafkajs names them. */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** A Kafka security setting that cannot work: the message names the variable to fix. */
export class KafkaSecurityError extends Error {
  override readonly name = 'KafkaSecurityError';
}

/**
 * Reads the client's Kafka security from the environment:
 * - KAFKA_SASL_MECHANISM (scram-sha-512, scram-sha-256 or plain), KAFKA_SASL_USERNAME and
 *   KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE (a mounted secret; one trailing newline is
 *   dropped). None of them set: no SASL, as a client of an unsecured cluster.
 * - KAFKA_SSL=true: TLS, trusting the system's CAs; KAFKA_SSL_CA_FILE: TLS trusting that PEM
 *   bundle (it implies KAFKA_SSL).
 * Half a configuration (a user without a mechanism, a password in two places, a CA with
 * KAFKA_SSL=false) is refused: a client that silently connected without the credentials someone
 * meant it to use would fail later, with an authorization error far from the cause.
 */
export function resolveKafkaSecurity(env: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  const security: KafkaSecurity = {};
  const sasl = resolveSasl(env);
  if (sasl) security.sasl = sasl;
  const ssl = resolveSsl(env);
  if (ssl) security.ssl = ssl;
  return security;
}

function resolveSasl(env: NodeJS.ProcessEnv): SASLOptions | undefined {
  const mechanismText = set(env, 'KAFKA_SASL_MECHANISM');
  const username = set(env, 'KAFKA_SASL_USERNAME');
  // Not trimmed: a password may begin or end with a space.
  const inlinePassword = env['KAFKA_SASL_PASSWORD'] || undefined;
  const passwordFile = set(env, 'KAFKA_SASL_PASSWORD_FILE');
  if (!mechanismText && !username && !inlinePassword && !passwordFile) return undefined;

  if (!mechanismText) {
    throw new KafkaSecurityError(
      `KAFKA_SASL_MECHANISM is not set, but other KAFKA_SASL_* variables are: set it to one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
    );
  }
  const mechanism = KAFKA_SASL_MECHANISMS.find((m) => m === mechanismText.toLowerCase());
  if (!mechanism) {
    throw new KafkaSecurityError(
      `KAFKA_SASL_MECHANISM '${mechanismText}' is not one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
    );
  }
  if (!username) {
    throw new KafkaSecurityError(
      `KAFKA_SASL_MECHANISM is ${mechanism} but KAFKA_SASL_USERNAME is not set`,
    );
  }
  if (inlinePassword && passwordFile) {
    throw new KafkaSecurityError(
      'KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: keep one',
    );
  }
  const password = passwordFile ? readPasswordFile(passwordFile) : inlinePassword;
  if (!password) {
    throw new KafkaSecurityError(
      `KAFKA_SASL_MECHANISM is ${mechanism} but neither KAFKA_SASL_PASSWORD nor KAFKA_SASL_PASSWORD_FILE is set`,
    );
  }
  return saslOptions(mechanism, username, password);
}

// Spelled out per mechanism: kafkajs's SASLOptions is a union discriminated by `mechanism`.
function saslOptions(
  mechanism: KafkaSaslMechanism,
  username: string,
  password: string,
): SASLOptions {
  switch (mechanism) {
    case 'plain':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'scram-sha-512':
      return { mechanism, username, password };
  }
}

function readPasswordFile(file: string): string {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KafkaSecurityError(
      `KAFKA_SASL_PASSWORD_FILE ${file} cannot be read: ${(error as Error).message}`,
    );
  }
  const password = text.replace(/\r?\n$/, '');
  if (password === '') throw new KafkaSecurityError(`KAFKA_SASL_PASSWORD_FILE ${file} is empty`);
  return password;
}

function resolveSsl(env: NodeJS.ProcessEnv): ConnectionOptions | true | undefined {
  const sslText = set(env, 'KAFKA_SSL');
  const caFile = set(env, 'KAFKA_SSL_CA_FILE');
  let enabled: boolean | undefined;
  if (sslText !== undefined) {
    if (/^(true|1|yes|on)$/i.test(sslText)) enabled = true;
    else if (/^(false|0|no|off)$/i.test(sslText)) enabled = false;
    else throw new KafkaSecurityError(`KAFKA_SSL '${sslText}' is not true or false`);
  }
  if (caFile) {
    if (enabled === false) {
      throw new KafkaSecurityError('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is false');
    }
    try {
      return { ca: [readFileSync(caFile, 'utf8')] };
    } catch (error) {
      throw new KafkaSecurityError(
        `KAFKA_SSL_CA_FILE ${caFile} cannot be read: ${(error as Error).message}`,
      );
    }
  }
  return enabled ? true : undefined;
}

/** The variable's value, or undefined when it is unset or blank (compose writes `VAR=` as ''). */
function set(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
