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

  it('finds nothing wrong with passwords of your own in the environment (a .env)', async () => {
    const env = Object.fromEntries(
      ['OPERATOR', 'ORDERS', 'PAYMENTS', 'INVENTORY', 'NOTIFICATIONS', 'CONSOLE'].map((name) => [
        `FANOUT_KAFKA_PASSWORD_${name}`,
        `own-${name.toLowerCase()}`,
      ]),
    );
    const compose = parseComposeDocument(readFileSync(COMPOSE_FILE, 'utf8'), REPO_ROOT, env);
    expect(compose.services['orders']?.environment['KAFKA_SASL_PASSWORD']).toBe('own-orders');
    expect(compose.services['console']?.environment['KAFKA_SASL_PASSWORD']).toBe('own-console');
    await expect(wiringProblems(compose, FANOUT_WIRING)).resolves.toEqual([]);
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
      [
        'kafka-topics.sh --bootstrap-server kafka:9092',
        'kafka-topics.sh --bootstrap-server broker:9092',
      ],
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
      ['config_entries=(--config cleanup.policy=compact)', 'config_entries=()'],
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
    [
      'a plaintext client listener',
      ['INTERNAL:SASL_PLAINTEXT,', 'INTERNAL:PLAINTEXT,'],
      'kafka: listener INTERNAL is PLAINTEXT',
    ],
    [
      'an anonymous controller listener',
      ['CONTROLLER:SASL_PLAINTEXT', 'CONTROLLER:PLAINTEXT'],
      'kafka: listener CONTROLLER is PLAINTEXT',
    ],
    [
      'no authoriser',
      [
        'KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer',
        'KAFKA_AUTHORIZER_CLASS_NAME: ""',
      ],
      'kafka: authorizer.class.name is not',
    ],
    [
      "a service's password that is not its user's",
      [
        'KAFKA_SASL_PASSWORD: ${FANOUT_KAFKA_PASSWORD_PAYMENTS:-change-me-payments}',
        'KAFKA_SASL_PASSWORD: ${FANOUT_KAFKA_PASSWORD_PAYMENTS:-change-me}',
      ],
      "payments: KAFKA_SASL_PASSWORD is not the password of kafka's user payments",
    ],
    [
      'a service with no SCRAM user',
      ['[name=inventory,', '[name=inventry,'],
      'kafka: no SCRAM-SHA-512 user inventory',
    ],
    [
      "the topic job without the operator's password",
      [
        '    environment:\n      FANOUT_KAFKA_PASSWORD_OPERATOR: ${FANOUT_KAFKA_PASSWORD_OPERATOR:-change-me-operator}\n    entrypoint',
        '    environment:\n      FANOUT_KAFKA_PASSWORD_OPERATOR: change-me\n    entrypoint',
      ],
      "kafka-topics: no variable carries the operator's password",
    ],
    [
      'a missing ACL (a service without its group)',
      ['acl payments Read --topic orders --group payments', 'acl payments Read --topic orders'],
      'kafka-topics does not add the ACL User:payments ALLOW READ GROUP:LITERAL:payments',
    ],
    [
      'an ACL the contracts do not give (notifications writing orders)',
      [
        'acl notifications Write --topic notifications',
        'acl notifications Write --topic orders --topic notifications',
      ],
      'kafka-topics adds an ACL the contracts do not give: User:notifications ALLOW WRITE TOPIC:LITERAL:orders ',
    ],
    [
      "the console's password that is not its user's",
      [
        'KAFKA_SASL_PASSWORD: ${FANOUT_KAFKA_PASSWORD_CONSOLE:-change-me-console}',
        'KAFKA_SASL_PASSWORD: ${FANOUT_KAFKA_PASSWORD_CONSOLE:-change-me}',
      ],
      "console: KAFKA_SASL_PASSWORD is not the password of kafka's user console",
    ],
    [
      'the console without a SCRAM user',
      ['[name=console,', '[name=konsole,'],
      'kafka: no SCRAM-SHA-512 user console',
    ],
    [
      "the console calling a service's wrong port",
      ['PAYMENTS_URL: http://payments:3001', 'PAYMENTS_URL: http://payments:3000'],
      'console: PAYMENTS_URL calls port 3000, payments listens on 3001',
    ],
    [
      "the console without DESCRIBE on a service's group",
      ['--group orders --group payments', '--group payments'],
      'kafka-topics does not add the ACL User:console ALLOW DESCRIBE GROUP:LITERAL:orders',
    ],
    [
      'an ACL the console is not given (reading a service group)',
      [
        '--topic products --topic products.dlt --group console',
        '--topic products --topic products.dlt --group console --group orders',
      ],
      'kafka-topics adds an ACL the contracts do not give: User:console ALLOW READ GROUP:LITERAL:orders ',
    ],
  ])('fails on %s', async (_, [find = '', replace = ''], problem) => {
    const problems = await problemsOf(mutated(find, replace));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(problem)]));
  });
});
