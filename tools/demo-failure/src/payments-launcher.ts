import { NodeProcess } from '@fanout/node-process';

/**
 * The payments service, run the way `npm start` runs it (the launcher with `--services payments`,
 * same port, same data directory or --postgres database), pointed at the running broker; its
 * log goes to a file so that the demo's narration stays readable. stop() is Ctrl-C, as a person
 * would press it: the launcher stops payments gracefully.
 */
export function paymentsLauncher(
  kafkaBrokers: string,
  launcherArgs: readonly string[],
  logFile: string,
): NodeProcess {
  return new NodeProcess(
    'payments',
    'tools/launcher/src/main.ts',
    ['--services', 'payments', ...launcherArgs],
    { KAFKA_BROKERS: kafkaBrokers, NO_COLOR: '1' },
    logFile,
    { stopSignal: 'SIGINT', stopGraceMs: 20_000 },
  );
}
