import { type ServiceName, TOPIC_PARTITIONS } from '@fanout/contracts';
import { type KafkaSecurity, resolveKafkaSecurity } from './kafka-security';

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** One consumer group per service: instances of a service share its partitions. */
  groupId: string;
  /**
   * How long the group waits for a silent member before giving its partitions to others: lower
   * means faster failover after a crash, higher tolerates longer pauses.
   */
  sessionTimeoutMs: number;
  /**
   * How many of its assigned partitions an instance processes at once (each in its own
   * transaction). One for a service whose events all update the same few rows: its transactions
   * would only queue on each other's row locks, and could deadlock.
   */
  partitionsConsumedConcurrently: number;
  /**
   * How long the broker may hold a fetch to gather more events (0: it answers as soon as there is
   * one). For a consumer nobody waits on, such as a projection: fewer, larger fetches cost less
   * CPU per event in the consumer and the broker; a step of the order saga keeps 0 unless
   * KAFKA_FETCH_GATHER_MS says otherwise, as its latency is the order's.
   */
  fetchGatherMs: number;
  /** SASL credentials and TLS, from KAFKA_SASL_* and KAFKA_SSL* (none: an unsecured cluster). */
  security: KafkaSecurity;
}

export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');
/** The service's name (orders, payments, ...), for whatever needs to say which service it is. */
export const FANOUT_SERVICE = Symbol('FANOUT_SERVICE');

export function resolveKafkaSettings(
  service: ServiceName,
  env: NodeJS.ProcessEnv = process.env,
): KafkaSettings {
  const brokers = (env['KAFKA_BROKERS'] || '127.0.0.1:9092')
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
  return {
    brokers,
    clientId: env['KAFKA_CLIENT_ID'] || service,
    groupId: service,
    sessionTimeoutMs: Number(env['KAFKA_SESSION_TIMEOUT_MS'] || 30_000),
    partitionsConsumedConcurrently: TOPIC_PARTITIONS,
    fetchGatherMs: gatherMs(env['KAFKA_FETCH_GATHER_MS']),
    security: resolveKafkaSecurity(env),
  };
}

/** KAFKA_FETCH_GATHER_MS: milliseconds, a whole number from 0; anything else is a mistake to say. */
function gatherMs(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new Error(`KAFKA_FETCH_GATHER_MS must be a whole number of milliseconds, not "${value}"`);
  }
  return ms;
}
