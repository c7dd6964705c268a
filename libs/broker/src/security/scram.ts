import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

// The server side of SCRAM (RFC 5802; SHA-256 per RFC 7677, SHA-512 as Kafka adds in KIP-84).
// The broker keeps only salted credentials: StoredKey = H(HMAC(SaltedPassword, "Client Key")) and
// ServerKey = HMAC(SaltedPassword, "Server Key"). Neither lets anyone log in; StoredKey checks a
// client's proof, ServerKey signs the server's answer so the client knows the server is genuine.

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

export const SCRAM_MECHANISMS: readonly ScramMechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-512'];

const HASHES: Record<ScramMechanism, { hash: 'sha256' | 'sha512'; bytes: number }> = {
  'SCRAM-SHA-256': { hash: 'sha256', bytes: 32 },
  'SCRAM-SHA-512': { hash: 'sha512', bytes: 64 },
};

/** Kafka's minimum (and kafkajs's): fewer iterations are refused by clients. */
export const MIN_SCRAM_ITERATIONS = 4096;
export const DEFAULT_SCRAM_ITERATIONS = 4096;

export interface ScramCredential {
  salt: Buffer;
  storedKey: Buffer;
  serverKey: Buffer;
  iterations: number;
}

export const isScramMechanism = (value: string): value is ScramMechanism =>
  value === 'SCRAM-SHA-256' || value === 'SCRAM-SHA-512';

const hmac = (mechanism: ScramMechanism, key: Buffer, data: string | Buffer): Buffer =>
  createHmac(HASHES[mechanism].hash, key).update(data).digest();

const digest = (mechanism: ScramMechanism, data: Buffer): Buffer =>
  createHash(HASHES[mechanism].hash).update(data).digest();

/** Hi(password, salt, i) of RFC 5802: PBKDF2 with the mechanism's HMAC, off the event loop. */
export function saltPassword(
  mechanism: ScramMechanism,
  password: string,
  salt: Buffer,
  iterations: number,
): Promise<Buffer> {
  const { hash, bytes } = HASHES[mechanism];
  return pbkdf2Async(password.normalize('NFKC'), salt, iterations, bytes, hash);
}

/** StoredKey and ServerKey from a salted password. */
export function keysOf(
  mechanism: ScramMechanism,
  saltedPassword: Buffer,
): { storedKey: Buffer; serverKey: Buffer } {
  const clientKey = hmac(mechanism, saltedPassword, 'Client Key');
  return {
    storedKey: digest(mechanism, clientKey),
    serverKey: hmac(mechanism, saltedPassword, 'Server Key'),
  };
}

/** The salted credential for `password`, as the broker keeps it (a fresh random salt by default). */
export async function scramCredential(
  mechanism: ScramMechanism,
  password: string,
  options: { iterations?: number; salt?: Buffer } = {},
): Promise<ScramCredential> {
  const iterations = options.iterations ?? DEFAULT_SCRAM_ITERATIONS;
  if (!Number.isSafeInteger(iterations) || iterations < MIN_SCRAM_ITERATIONS) {
    throw new RangeError(`SCRAM iterations must be an integer >= ${MIN_SCRAM_ITERATIONS}`);
  }
  const salt = options.salt ?? randomBytes(32);
  const salted = await saltPassword(mechanism, password, salt, iterations);
  return { salt, iterations, ...keysOf(mechanism, salted) };
}

/** True when `password` is the one `credential` was made from (PLAIN checks passwords this way). */
export async function passwordMatches(
  mechanism: ScramMechanism,
  credential: ScramCredential,
  password: string,
): Promise<boolean> {
  const salted = await saltPassword(mechanism, password, credential.salt, credential.iterations);
  return equalBytes(keysOf(mechanism, salted).storedKey, credential.storedKey);
}

function equalBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A SCRAM exchange that cannot succeed; the message is what the client is told. */
export class ScramFailure extends Error {
  override readonly name = 'ScramFailure';
}

/** RFC 5802 saslname: ',' and '=' are escaped as =2C and =3D; any other '=' is malformed. */
export function decodeSaslName(value: string): string {
  if (/=(?!2C|3D)/.test(value)) throw new ScramFailure(`invalid username encoding in '${value}'`);
  return value.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** `k=v` attributes of a SCRAM message, in order; a repeated or malformed one is refused. */
function attributes(message: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of message.split(',')) {
    const match = /^([A-Za-z])=(.*)$/s.exec(part);
    if (!match) throw new ScramFailure(`malformed SCRAM attribute '${part}'`);
    const [, key, value] = match as unknown as [string, string, string];
    if (found.has(key)) throw new ScramFailure(`SCRAM attribute '${key}' repeated`);
    found.set(key, value);
  }
  return found;
}

const PRINTABLE_NONCE = /^[\x21-\x2b\x2d-\x7e]+$/;

/** Looks a user's credential up; undefined for an unknown user. */
export type ScramCredentialLookup = (user: string) => ScramCredential | undefined;

/**
 * One SCRAM authentication, server side: `evaluate` takes the client-first message and answers
 * server-first, then takes client-final and answers server-final, after which `user` is the
 * authenticated user. Any problem throws a ScramFailure. An unknown user is answered with a
 * made-up salt and fails at the proof, like a wrong password, so the exchange does not reveal
 * which users exist.
 */
export class ScramServer {
  private step: 'first' | 'final' | 'done' = 'first';
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';
  private username = '';
  private credential: ScramCredential | undefined;
  private standInCredential: ScramCredential | undefined;

  constructor(
    readonly mechanism: ScramMechanism,
    private readonly lookup: ScramCredentialLookup,
    /** Secret the made-up salts for unknown users are derived from (stable per broker). */
    private readonly fakeSaltKey: Buffer,
    /** The server's half of the nonce (tests pass RFC 7677's). */
    private readonly serverNonce: () => string = () => randomBytes(18).toString('base64'),
  ) {}

  /** The authenticated user, once the exchange completed. */
  get user(): string | undefined {
    return this.step === 'done' ? this.username : undefined;
  }

  get complete(): boolean {
    return this.step === 'done';
  }

  evaluate(token: Buffer): Buffer {
    const message = token.toString('utf8');
    if (this.step === 'first') return Buffer.from(this.first(message), 'utf8');
    if (this.step === 'final') return Buffer.from(this.final(message), 'utf8');
    throw new ScramFailure('SCRAM exchange already complete');
  }

  private first(message: string): string {
    // gs2-header = gs2-cbind-flag "," [ authzid ] ","
    const match = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/s.exec(message);
    if (!match) throw new ScramFailure('malformed SCRAM client-first message');
    const [, cbind, authzid, bare] = match as unknown as [
      string,
      string,
      string | undefined,
      string,
    ];
    if (cbind.startsWith('p=')) throw new ScramFailure('channel binding is not supported');
    this.gs2Header = message.slice(0, message.length - bare.length);
    const attrs = attributes(bare);
    if (attrs.has('m')) throw new ScramFailure('SCRAM mandatory extensions are not supported');
    const name = attrs.get('n');
    const clientNonce = attrs.get('r');
    if (name === undefined || clientNonce === undefined || [...attrs.keys()][0] !== 'n') {
      throw new ScramFailure('SCRAM client-first message lacks n= or r=');
    }
    if (!PRINTABLE_NONCE.test(clientNonce)) throw new ScramFailure('invalid SCRAM client nonce');
    this.username = decodeSaslName(name);
    if (this.username === '') throw new ScramFailure('empty SCRAM username');
    if (authzid !== undefined && decodeSaslName(authzid.slice(2)) !== this.username) {
      throw new ScramFailure('authorization id differs from the username');
    }
    this.credential = this.lookup(this.username);
    const credential = this.credential ?? this.standIn();
    this.clientFirstBare = bare;
    this.nonce = clientNonce + this.serverNonce();
    this.serverFirst = `r=${this.nonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    this.step = 'final';
    return this.serverFirst;
  }

  private final(message: string): string {
    const proofAt = message.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramFailure('SCRAM client-final message lacks a proof');
    const withoutProof = message.slice(0, proofAt);
    const attrs = attributes(withoutProof);
    if (attrs.get('c') !== Buffer.from(this.gs2Header, 'utf8').toString('base64')) {
      throw new ScramFailure('SCRAM channel binding does not match the client-first message');
    }
    // Kafka checks that the nonce ends with the combined one, not that it equals it: librdkafka
    // (kcat 1.7, librdkafka 2.0) sends its client nonce twice, then the server's part.
    if (!attrs.get('r')?.endsWith(this.nonce)) throw new ScramFailure('SCRAM nonce mismatch');
    const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
    const credential = this.credential ?? this.standIn();
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.mechanism, credential.storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw new ScramFailure('invalid credentials');
    const clientKey = Buffer.alloc(proof.length);
    for (let i = 0; i < proof.length; i++) {
      clientKey[i] = (proof[i] as number) ^ (clientSignature[i] as number);
    }
    const valid = equalBytes(digest(this.mechanism, clientKey), credential.storedKey);
    if (!valid || !this.credential) throw new ScramFailure('invalid credentials');
    this.step = 'done';
    const serverSignature = hmac(this.mechanism, credential.serverKey, authMessage);
    return `v=${serverSignature.toString('base64')}`;
  }

  /** A credential for an unknown user: a stable salt (as a real user's is) and random keys. */
  private standIn(): ScramCredential {
    this.standInCredential ??= {
      salt: hmac(this.mechanism, this.fakeSaltKey, this.username).subarray(0, 32),
      iterations: DEFAULT_SCRAM_ITERATIONS,
      storedKey: randomBytes(HASHES[this.mechanism].bytes),
      serverKey: randomBytes(HASHES[this.mechanism].bytes),
    };
    return this.standInCredential;
  }
}
