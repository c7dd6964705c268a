import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SASLOptions } from 'kafkajs';
import { serviceNames, type ServiceName } from '@fanout/contracts';
import { CONSOLE, fanoutAcls, OPERATOR } from './service-acls';

/** The SASL mechanism `npm start` uses: Kafka's strongest built-in password mechanism. */
export const SASL_MECHANISM = 'SCRAM-SHA-512';

/**
 * Where `npm start` keeps its Kafka credentials, under the data directory. The tools (npm run dlt,
 * the demos, the benchmark) read OPERATOR_ENV_FILE from here too: libs/messaging's
 * operator-kafka-security.ts names the same path.
 */
export const KAFKA_AUTH_DIR = 'kafka-auth';
const USERS_FILE = 'users.json';
const ACLS_FILE = 'acls.json';
export const OPERATOR_ENV_FILE = 'operator.env';
export const OPERATOR_PROPERTIES_FILE = 'operator.properties';
export const KCAT_CONFIG_FILE = 'kcat.conf';

/** A principal's name and password. */
export interface KafkaCredential {
  username: string;
  password: string;
}

/** What the broker is started with and what each process is given. */
export interface KafkaAuth {
  dir: string;
  /** The broker's --sasl-users-file: {"users":[{"name","password"}]}. */
  usersFile: string;
  /** The broker's --acls file, written from the contracts at every start. */
  aclsFile: string;
  operator: KafkaCredential;
  services: Record<ServiceName, KafkaCredential>;
  /** The console's principal (apps/console): reads every topic, describes the groups. Absent from
   * an auth made elsewhere (a compose file's users), which runs no console. */
  console?: KafkaCredential;
}

interface UsersFile {
  users: { name: string; password: string }[];
}

// Only the owner may read or write: these are passwords.
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/**
 * Generates a random password per principal (the operator and each service) the first time, and
 * keeps them in <dataDir>/kafka-auth/users.json (mode 0600) so that a restart, and the broker's
 * stored SCRAM credentials, stay valid; a principal missing from the file (a new service) gets
 * one. Writes the ACLs from the contracts and the operator's client files: operator.env (for the
 * tools and a shell's `set -a; . operator.env`), operator.properties (Kafka's tools:
 * --command-config) and kcat.conf (kcat -F).
 */
export async function prepareKafkaAuth(dataDir: string): Promise<KafkaAuth> {
  const dir = path.join(dataDir, KAFKA_AUTH_DIR);
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR });
  await chmod(dir, PRIVATE_DIR);
  const usersFile = path.join(dir, USERS_FILE);
  const existing = await readUsers(usersFile);
  const passwords = new Map(existing.users.map(({ name, password }) => [name, password]));
  const principals = [OPERATOR, ...serviceNames, CONSOLE];
  const missing = principals.filter((name) => !passwords.has(name));
  for (const name of missing) passwords.set(name, randomBytes(24).toString('base64url'));
  if (missing.length > 0) {
    const users = [...passwords].map(([name, password]) => ({ name, password }));
    await writePrivate(usersFile, `${JSON.stringify({ users }, null, 2)}\n`);
  }
  const credential = (name: string): KafkaCredential => ({
    username: name,
    password: passwords.get(name) as string,
  });
  const auth: KafkaAuth = {
    dir,
    usersFile,
    aclsFile: path.join(dir, ACLS_FILE),
    operator: credential(OPERATOR),
    services: Object.fromEntries(serviceNames.map((s) => [s, credential(s)])) as Record<
      ServiceName,
      KafkaCredential
    >,
    console: credential(CONSOLE),
  };
  await writePrivate(auth.aclsFile, `${JSON.stringify({ acls: fanoutAcls() }, null, 2)}\n`);
  return auth;
}

/** The operator's client files, for the address the broker listens on. */
export async function writeOperatorClientFiles(auth: KafkaAuth, bootstrap: string): Promise<void> {
  const { username, password } = auth.operator;
  await writePrivate(
    path.join(auth.dir, OPERATOR_ENV_FILE),
    [
      `KAFKA_BROKERS=${bootstrap}`,
      `KAFKA_SASL_MECHANISM=${SASL_MECHANISM.toLowerCase()}`,
      `KAFKA_SASL_USERNAME=${username}`,
      `KAFKA_SASL_PASSWORD=${password}`,
      '',
    ].join('\n'),
  );
  await writePrivate(
    path.join(auth.dir, OPERATOR_PROPERTIES_FILE),
    [
      'security.protocol=SASL_PLAINTEXT',
      `sasl.mechanism=${SASL_MECHANISM}`,
      'sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required ' +
        `username="${username}" password="${password}";`,
      '',
    ].join('\n'),
  );
  await writePrivate(
    path.join(auth.dir, KCAT_CONFIG_FILE),
    [
      `bootstrap.servers=${bootstrap}`,
      'security.protocol=SASL_PLAINTEXT',
      `sasl.mechanisms=${SASL_MECHANISM}`,
      `sasl.username=${username}`,
      `sasl.password=${password}`,
      '',
    ].join('\n'),
  );
}

/**
 * With --no-auth: the operator's client files go, so the tools no longer offer credentials to a
 * broker that takes none (the passwords stay for the next authenticated start).
 */
export async function removeOperatorClientFiles(dataDir: string): Promise<void> {
  const dir = path.join(dataDir, KAFKA_AUTH_DIR);
  await Promise.all(
    [OPERATOR_ENV_FILE, OPERATOR_PROPERTIES_FILE, KCAT_CONFIG_FILE].map((file) =>
      rm(path.join(dir, file), { force: true }),
    ),
  );
}

/**
 * The broker an authenticating launcher on this data directory started and still names in its
 * operator.env, or undefined. A second launcher (e.g. `npm run demo:failure` restarting payments
 * with KAFKA_BROKERS set) that points at that broker gives its services their principals too.
 */
export async function authenticatedBrokerOf(dataDir: string): Promise<string | undefined> {
  let text;
  try {
    text = await readFile(path.join(dataDir, KAFKA_AUTH_DIR, OPERATOR_ENV_FILE), 'utf8');
  } catch {
    return undefined;
  }
  return /^KAFKA_BROKERS=(.+)$/m.exec(text)?.[1];
}

/** kafkajs's `sasl` option for a principal of this broker. */
export function kafkajsSasl(credential: KafkaCredential): SASLOptions {
  return { mechanism: 'scram-sha-512', ...credential };
}

/** The environment that gives a service process its principal (libs/messaging reads it). */
export function serviceKafkaEnv(credential: KafkaCredential): Record<string, string> {
  return {
    KAFKA_SASL_MECHANISM: SASL_MECHANISM.toLowerCase(),
    KAFKA_SASL_USERNAME: credential.username,
    KAFKA_SASL_PASSWORD: credential.password,
  };
}

async function readUsers(file: string): Promise<UsersFile> {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { users: [] };
    throw error;
  }
  let parsed: Partial<UsersFile> | null;
  try {
    parsed = JSON.parse(text) as Partial<UsersFile> | null;
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}): fix or delete it`);
  }
  const users = parsed?.users;
  if (
    !Array.isArray(users) ||
    !users.every((u) => typeof u?.name === 'string' && typeof u?.password === 'string')
  ) {
    throw new Error(
      `${file} is not {"users":[{"name","password"}]}: fix or delete it (new passwords are then generated)`,
    );
  }
  return { users };
}

/** Written with mode 0600 from the start (and chmod-ed: a pre-existing file keeps its mode). */
async function writePrivate(file: string, content: string): Promise<void> {
  await writeFile(file, content, { mode: PRIVATE_FILE });
  await chmod(file, PRIVATE_FILE);
}
