import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** Where the running system is (what `npm start` uses by default), overridable by environment. */
export interface DemoSettings {
  kafkaBrokers: string;
  /** npm start's data directory: the key that signs the demo's bearer tokens is there. */
  dataDir: string;
  urls: { orders: string; payments: string; inventory: string; notifications: string };
  /** Extra arguments for the launcher that runs payments (e.g. --postgres <url>). */
  launcherArgs: string[];
  orders: number;
}

export function resolveDemoSettings(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): DemoSettings {
  return {
    kafkaBrokers: env['KAFKA_BROKERS'] || '127.0.0.1:9092',
    dataDir: path.resolve(REPO_ROOT, env['DATA_DIR'] || '.data'),
    urls: {
      orders: env['ORDERS_URL'] || 'http://127.0.0.1:3000',
      payments: env['PAYMENTS_URL'] || 'http://127.0.0.1:3001',
      inventory: env['INVENTORY_URL'] || 'http://127.0.0.1:3002',
      notifications: env['NOTIFICATIONS_URL'] || 'http://127.0.0.1:3003',
    },
    launcherArgs: [...argv],
    orders: Number(env['DEMO_ORDERS'] || 5),
  };
}
