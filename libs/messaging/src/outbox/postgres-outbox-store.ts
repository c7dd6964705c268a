import { Logger } from '@nestjs/common';
import { Client, type Notification } from 'pg';
import { PreparedStatementsClient, preparedStatements } from '@fanout/persistence';
import * as queries from './outbox-queries';
import type { OutboxStore, PendingRow, Placement } from './outbox-store';

/** Every outbox INSERT notifies this channel when it commits (see Outbox). */
export const OUTBOX_CHANNEL = 'fanout_outbox';
/** Per database, so the services of one PostgreSQL server do not contend for it. */
const LEADER_LOCK = `hashtext('fanout.outbox-relay')`;

/**
 * The outbox on PostgreSQL, shared by every instance of a service. The publishing instance (the
 * leader) holds a session advisory lock on a connection of its own, which it also uses to read and
 * mark rows: no pool checkout, no transaction, two statements per batch. When the leader dies its
 * connection closes, the lock is released, and the next instance to try takes over.
 *
 * The leader LISTENs on `OUTBOX_CHANNEL`: a commit that wrote outbox rows notifies it (PostgreSQL
 * delivers the notification only if the transaction commits, even if the writer dies right after),
 * so rows committed by other instances go out at once instead of at the next poll.
 */
export class PostgresOutboxStore implements OutboxStore {
  private readonly logger = new Logger(PostgresOutboxStore.name);
  private client: Client | null = null;
  private leader = false;
  private listener: () => void = () => undefined;

  /** `instanceId` is the payload of this instance's own notifications, which it ignores. */
  constructor(
    private readonly url: string,
    private readonly instanceId: string,
  ) {}

  onChange(listener: () => void): void {
    this.listener = listener;
  }

  async lead(): Promise<boolean> {
    if (this.leader) return true;
    const client = await this.connection();
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(${LEADER_LOCK}) AS locked`,
    );
    if (!rows[0]?.locked) return false;
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.leader = true;
    return true;
  }

  pending(limit: number): Promise<PendingRow[]> {
    return queries.selectPending(this.onLeaderConnection, limit);
  }

  markPublished(rows: PendingRow[], placed: Placement[]): Promise<void> {
    return queries.markPublished(this.onLeaderConnection, rows, placed);
  }

  async recordFailure(rows: PendingRow[], error: unknown): Promise<void> {
    if (rows.length === 0) return;
    // Through a new connection if the leader's is what failed.
    const client = await this.connection().catch(() => null);
    if (!client) return;
    await queries
      .recordFailure(
        async (text, parameters) => (await client.query(text, parameters)).rows,
        rows,
        error,
      )
      .catch(() => undefined);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leader = false;
    // Ending the session releases the advisory lock.
    await client?.end().catch(() => undefined);
  }

  private readonly onLeaderConnection: queries.RunQuery = async (text, parameters) => {
    if (!this.leader || !this.client) throw new Error('not the outbox relay leader');
    return (await this.client.query(text, parameters)).rows;
  };

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    // The relay's SELECT and UPDATE, on every wake-up: prepared once, as on the pooled connections.
    const LeaderClient = preparedStatements() ? PreparedStatementsClient : Client;
    const client = new LeaderClient({
      connectionString: this.url,
      application_name: 'fanout-outbox-relay',
    });
    client.on('notification', (notification: Notification) => {
      if (notification.payload !== this.instanceId) this.listener();
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.client = null;
      throw error;
    }
    return client;
  }

  /** The session is gone, and the lock with it: another instance may be publishing already. */
  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    if (this.leader) {
      this.logger.warn({ msg: 'outbox relay lost its leader connection', err: error });
    }
    this.client = null;
    this.leader = false;
    client.end().catch(() => undefined);
    this.listener();
  }
}
