import {
  embeddedBrokerPort,
  planInstances,
  planSlots,
  replicasWithoutSharedDatabase,
} from './instance-plan';
import { parseLauncherArgs } from './launcher-args';

const context = { kafkaBrokers: '127.0.0.1:9092', dataDir: '/srv/fanout/.data', databaseUrls: {} };

describe('planInstances', () => {
  it('gives replicas ports ten apart, their own instance ids and the same broker', () => {
    const options = parseLauncherArgs(['--services', 'inventory', '--scale', 'inventory=3']);

    const instances = planInstances(options, context);

    expect(instances.map(({ label, port, env }) => [label, port, env.INSTANCE_ID])).toEqual([
      ['inventory', 3002, 'inventory-1'],
      ['inventory-2', 3012, 'inventory-2'],
      ['inventory-3', 3022, 'inventory-3'],
    ]);
    expect(instances.every(({ env }) => env.KAFKA_BROKERS === '127.0.0.1:9092')).toBe(true);
  });

  it('moves every port, the broker port included, by the port offset', () => {
    const options = parseLauncherArgs(['--scale', 'payments=2', '--port-offset', '100']);

    expect(embeddedBrokerPort(options)).toBe(9192);
    expect(planSlots(options).map(({ label, port }) => [label, port])).toEqual([
      ['orders', 3100],
      ['payments', 3101],
      ['payments-2', 3111],
      ['inventory', 3102],
      ['notifications', 3103],
      ['analytics', 3105],
    ]);
    expect(planInstances(options, context)[2].env.PORT).toBe('3111');
  });

  it('keeps the PGlite data of each replica apart, and passes a database URL when there is one', () => {
    const options = parseLauncherArgs(['--services', 'payments', '--scale', 'payments=2']);

    const [first, second] = planInstances(options, {
      ...context,
      databaseUrls: { payments: 'postgres://db/fanout_payments' },
    });

    expect(first.env.DATA_DIR).toBe('/srv/fanout/.data');
    expect(second.env.DATA_DIR).toBe('/srv/fanout/.data/replica-2');
    expect(second.env.PAYMENTS_DATABASE_URL).toBe('postgres://db/fanout_payments');
  });
});

describe('replicasWithoutSharedDatabase', () => {
  it('names the scaled services that have no shared database', () => {
    const options = parseLauncherArgs(['--scale', 'inventory=2,payments=2']);

    expect(replicasWithoutSharedDatabase(options, { payments: 'postgres://db/p' })).toEqual([
      'inventory',
    ]);
  });
});
