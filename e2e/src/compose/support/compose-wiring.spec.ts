import { readFileSync } from 'node:fs';
import { parseComposeDocument } from './compose-document';
import { wiringProblems } from './compose-wiring';
import { COMPOSE_FILE, FANOUT_WIRING, REPO_ROOT } from './fanout-expectations';

/** docker-compose.yml with one edit, which must be there to make (a mutation that misses is a bug). */
function mutated(find: string, replace: string): string {
  const original = readFileSync(COMPOSE_FILE, 'utf8');
  if (!original.includes(find)) throw new Error(`docker-compose.yml has no "${find}" to mutate`);
  return original.replace(find, replace);
}

const problemsOf = (text: string) =>
  wiringProblems(parseComposeDocument(text, REPO_ROOT), FANOUT_WIRING);

describe('compose wiring check', () => {
  it('finds nothing wrong with docker-compose.yml as it is', async () => {
    await expect(problemsOf(readFileSync(COMPOSE_FILE, 'utf8'))).resolves.toEqual([]);
  });

  it.each([
    [
      'a misspelt Kafka variable',
      ['  KAFKA_BROKERS: kafka:9092', '  KAFKA_BROKER: kafka:9092'],
      'orders: KAFKA_BROKERS is not set',
    ],
    [
      'a wrong bootstrap address',
      ['  KAFKA_BROKERS: kafka:9092', '  KAFKA_BROKERS: kafka:9094'],
      'payments: kafka:9094 is not an advertised listener',
    ],
    [
      'the topic job on a wrong bootstrap address',
      ['--bootstrap-server kafka:9092 --create', '--bootstrap-server broker:9092 --create'],
      'kafka-topics: broker:9092 is not an advertised listener',
    ],
    [
      'a missing topic',
      [
        'for topic in orders payments inventory notifications',
        'for topic in orders payments inventory',
      ],
      'kafka-topics does not create notifications.dlt',
    ],
    [
      'topics with too few partitions for the consumer groups',
      ['--partitions 6', '--partitions 3'],
      'kafka-topics creates orders with 3 partitions',
    ],
    [
      'a compacted topic created without compaction',
      ['config=(--config cleanup.policy=compact)', 'config=()'],
      'kafka-topics creates products without --config cleanup.policy=compact',
    ],
    [
      'a misspelt database variable',
      ['PAYMENTS_DATABASE_URL:', 'PAYMENT_DATABASE_URL:'],
      'payments: PAYMENTS_DATABASE_URL is not set',
    ],
    [
      'a database the init script does not create',
      ['@postgres:5432/inventory', '@postgres:5432/stock'],
      'inventory: database stock is not created',
    ],
    [
      'a database host that is not PostgreSQL',
      ['@postgres:5432/orders', '@db:5432/orders'],
      'orders: database host db is not a PostgreSQL service',
    ],
    [
      'a password the server was not given',
      [
        'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-fanout}',
        'POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-secret}',
      ],
      "database password differs from postgres's POSTGRES_PASSWORD",
    ],
  ])('fails on %s', async (_, [find = '', replace = ''], problem) => {
    const problems = await problemsOf(mutated(find, replace));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });
});
