import { readFile } from 'node:fs/promises';
import {
  isScramMechanism,
  passwordMatches,
  SCRAM_MECHANISMS,
  scramCredential,
  type ScramCredential,
  type ScramMechanism,
} from './scram';

/** A SCRAM credential as written in a users file: base64 salt and keys. */
export interface EncodedScramCredential {
  salt: string;
  storedKey: string;
  serverKey: string;
  iterations: number;
}

/**
 * A user the broker authenticates. Given a password, the broker salts it for each SCRAM
 * mechanism at start and forgets it; given salted credentials (`scram`), it never sees one.
 */
export interface SaslUser {
  name: string;
  password?: string;
  scram?: Partial<Record<ScramMechanism, EncodedScramCredential>>;
}

/**
 * Every user's salted credentials, per SCRAM mechanism. No password is kept: PLAIN checks a
 * password by salting it with a stored credential's salt and comparing the keys.
 */
export class CredentialStore {
  private constructor(
    private readonly users: ReadonlyMap<string, Partial<Record<ScramMechanism, ScramCredential>>>,
  ) {}

  /**
   * Salts every password once per mechanism in `salt` (all SCRAM mechanisms by default; with
   * none, as for a PLAIN-only listener, SCRAM-SHA-512, which PLAIN checks against), all at once:
   * PBKDF2 runs on the thread pool.
   */
  static async create(
    users: readonly SaslUser[],
    options: { salt?: readonly ScramMechanism[]; iterations?: number } = {},
  ): Promise<CredentialStore> {
    const { salt = SCRAM_MECHANISMS, iterations } = options;
    const salted: readonly ScramMechanism[] = salt.length > 0 ? salt : ['SCRAM-SHA-512'];
    const entries = users.map(async (user) => {
      if (!user.name) throw new Error('a SASL user needs a name');
      const credentials: Partial<Record<ScramMechanism, ScramCredential>> = {};
      for (const [mechanism, encoded] of Object.entries(user.scram ?? {})) {
        if (!isScramMechanism(mechanism)) {
          throw new Error(`user '${user.name}': unknown SCRAM mechanism '${mechanism}'`);
        }
        credentials[mechanism] = decodeCredential(user.name, encoded);
      }
      const { password } = user;
      if (password !== undefined) {
        const missing = salted.filter((mechanism) => !credentials[mechanism]);
        const made = await Promise.all(
          missing.map((mechanism) =>
            scramCredential(mechanism, password, iterations === undefined ? {} : { iterations }),
          ),
        );
        missing.forEach((mechanism, i) => (credentials[mechanism] = made[i]));
      }
      if (Object.keys(credentials).length === 0) {
        throw new Error(`user '${user.name}' has neither a password nor SCRAM credentials`);
      }
      return [user.name, credentials] as const;
    });
    return new CredentialStore(new Map(await Promise.all(entries)));
  }

  get size(): number {
    return this.users.size;
  }

  scram(mechanism: ScramMechanism, user: string): ScramCredential | undefined {
    return this.users.get(user)?.[mechanism];
  }

  /** PLAIN: true when `password` is the user's (checked against a salted credential). */
  async verifyPassword(user: string, password: string): Promise<boolean> {
    const credentials = this.users.get(user);
    const mechanism = (['SCRAM-SHA-512', 'SCRAM-SHA-256'] as const).find((m) => credentials?.[m]);
    if (!credentials || !mechanism) return false;
    return passwordMatches(mechanism, credentials[mechanism] as ScramCredential, password);
  }
}

function decodeCredential(user: string, encoded: EncodedScramCredential): ScramCredential {
  const { salt, storedKey, serverKey, iterations } = encoded;
  if (
    typeof salt !== 'string' ||
    typeof storedKey !== 'string' ||
    typeof serverKey !== 'string' ||
    !Number.isSafeInteger(iterations)
  ) {
    throw new Error(
      `user '${user}': a SCRAM credential needs salt, storedKey, serverKey, iterations`,
    );
  }
  return {
    salt: Buffer.from(salt, 'base64'),
    storedKey: Buffer.from(storedKey, 'base64'),
    serverKey: Buffer.from(serverKey, 'base64'),
    iterations,
  };
}

/** Encodes a credential for a users file (what `scram` entries hold). */
export function encodeCredential(credential: ScramCredential): EncodedScramCredential {
  return {
    salt: credential.salt.toString('base64'),
    storedKey: credential.storedKey.toString('base64'),
    serverKey: credential.serverKey.toString('base64'),
    iterations: credential.iterations,
  };
}

/** `name:password,name:password` (the --sasl-users flag). A password may contain ':'. */
export function parseUserList(value: string): SaslUser[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0 || colon === entry.length - 1) {
        throw new Error(`'${entry}' is not user:password`);
      }
      return { name: entry.slice(0, colon), password: entry.slice(colon + 1) };
    });
}

/** A users file: JSON `{ "users": [SaslUser, ...] }` (or the array alone). */
export async function readUsersFile(file: string): Promise<SaslUser[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read SASL users file ${file}: ${(error as Error).message}`);
  }
  const users = Array.isArray(parsed) ? parsed : (parsed as { users?: unknown } | null)?.users;
  if (!Array.isArray(users)) throw new Error(`SASL users file ${file} has no "users" array`);
  return users as SaslUser[];
}
