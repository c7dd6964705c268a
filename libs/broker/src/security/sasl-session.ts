import type { CredentialStore } from './credentials';
import { parsePlainMessage, PlainFailure } from './plain';
import { isScramMechanism, ScramFailure, ScramServer, type ScramMechanism } from './scram';

export type SaslMechanism = 'PLAIN' | ScramMechanism;

export const SASL_MECHANISMS: readonly SaslMechanism[] = [
  'PLAIN',
  'SCRAM-SHA-256',
  'SCRAM-SHA-512',
];

export const isSaslMechanism = (value: string): value is SaslMechanism =>
  value === 'PLAIN' || isScramMechanism(value);

/** What a SASL listener authenticates with. */
export interface SaslSettings {
  /** Offered in the handshake, in this order. */
  mechanisms: readonly SaslMechanism[];
  credentials: CredentialStore;
  /** Secret the made-up SCRAM salts of unknown users derive from. */
  fakeSaltKey: Buffer;
}

/**
 * Where a connection is in authentication (Kafka's SaslServerAuthenticator states):
 * - `handshake`: only ApiVersions and SaslHandshake are served;
 * - `authenticate`: after a v1 handshake, SaslAuthenticate requests carry the tokens (KIP-152);
 * - `raw`: after a v0 handshake, the tokens come as bare size-prefixed frames;
 * - `complete`: authenticated, every API is served;
 * - `failed`: the connection is being closed.
 */
export type SaslState = 'handshake' | 'authenticate' | 'raw' | 'complete' | 'failed';

export type SaslStep =
  | { ok: true; response: Buffer; complete: boolean }
  | { ok: false; message: string; detail: string };

/** One connection's SASL authentication, server side. */
export class SaslSession {
  private current: SaslState = 'handshake';
  private chosen: SaslMechanism | undefined;
  private scram: ScramServer | undefined;
  private authenticatedUser: string | undefined;
  private evaluating = false;

  constructor(private readonly settings: SaslSettings) {}

  get state(): SaslState {
    return this.current;
  }

  get mechanisms(): readonly SaslMechanism[] {
    return this.settings.mechanisms;
  }

  /** The authenticated user, once complete. */
  get user(): string | undefined {
    return this.authenticatedUser;
  }

  /** True while a token is being checked: nothing else may be served meanwhile. */
  get busy(): boolean {
    return this.evaluating;
  }

  /**
   * Chooses the mechanism. v0 means the tokens follow as raw frames, v1 in SaslAuthenticate.
   * False (and the session failed) when the mechanism is not enabled.
   */
  handshake(mechanism: string, version: number): boolean {
    if (this.current !== 'handshake') throw new Error(`handshake in state ${this.current}`);
    const enabled = this.settings.mechanisms.find((m) => m === mechanism);
    if (!enabled) {
      this.current = 'failed';
      return false;
    }
    this.chosen = enabled;
    if (isScramMechanism(enabled)) {
      this.scram = new ScramServer(
        enabled,
        (user) => this.settings.credentials.scram(enabled, user),
        this.settings.fakeSaltKey,
      );
    }
    this.current = version === 0 ? 'raw' : 'authenticate';
    return true;
  }

  /** Evaluates the client's next token; a failure leaves the session failed. */
  async authenticate(token: Buffer): Promise<SaslStep> {
    if (this.current !== 'authenticate' && this.current !== 'raw') {
      throw new Error(`authenticate in state ${this.current}`);
    }
    this.evaluating = true;
    try {
      const step = await this.evaluate(token);
      if (!step.ok) this.current = 'failed';
      else if (step.complete) this.current = 'complete';
      return step;
    } finally {
      this.evaluating = false;
    }
  }

  private async evaluate(token: Buffer): Promise<SaslStep> {
    const mechanism = this.chosen as SaslMechanism;
    // Kafka tells the client no more than this for SCRAM: the detail could say whether the user
    // exists. The detail goes to the broker's log.
    const generic = `Authentication failed during authentication due to invalid credentials with SASL mechanism ${mechanism}`;
    if (this.scram) {
      try {
        const response = this.scram.evaluate(token);
        if (this.scram.complete) this.authenticatedUser = this.scram.user;
        return { ok: true, response, complete: this.scram.complete };
      } catch (error) {
        if (!(error instanceof ScramFailure)) throw error;
        return { ok: false, message: generic, detail: error.message };
      }
    }
    try {
      const { user, password } = parsePlainMessage(token);
      if (!(await this.settings.credentials.verifyPassword(user, password))) {
        const message = 'Authentication failed: Invalid username or password';
        return { ok: false, message, detail: `user '${user}': ${message}` };
      }
      this.authenticatedUser = user;
      return { ok: true, response: Buffer.alloc(0), complete: true };
    } catch (error) {
      if (!(error instanceof PlainFailure)) throw error;
      return { ok: false, message: error.message, detail: error.message };
    }
  }
}
