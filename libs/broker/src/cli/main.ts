import { setFlagsFromString } from 'node:v8';
import { startBroker } from '../broker';
import { ConfigError, parseCli, usage } from '../config';
import { createLogger } from '../server/logger';

/**
 * `npm run broker -- [options]`: runs the broker in the foreground until SIGINT or SIGTERM, then
 * flushes, closes and exits 0. A storage failure (write or fsync error) exits 1.
 */
/**
 * The broker's data lives off the JS heap, in Buffers, yet V8 sets its next full-GC limit from
 * the old generation's size times a growing factor, Buffers included: with the default factor a
 * broker holding ~20 MB of recent batches runs a mark-compact for every ~14 MB of traffic (every
 * ~35 ms while kcat ingests). A factor of 4 halves those collections and cuts the broker's CPU
 * during ingest by about a fifth, for a few MB of peak RSS (docs/benchmarks.md). Set here, in the
 * process the CLI owns; startBroker() inside another program leaves that program's V8 alone.
 */
setFlagsFromString('--heap-growing-percent=300');

async function main(): Promise<number> {
  let command;
  try {
    command = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage()}`);
    return 2;
  }
  if (command.help) {
    process.stdout.write(usage());
    return 0;
  }
  const { config, saslUsers } = command;
  const logger = createLogger(config.logLevel);
  let broker;
  try {
    broker = await startBroker({ ...config, saslUsers, logger });
  } catch (error) {
    if (error instanceof ConfigError) {
      // A bad users, ACLs or TLS file: one line naming it.
      process.stderr.write(`broker failed to start: ${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    // An expected mistake (another broker still running), not a bug: one line, no stack.
    process.stderr.write(
      `broker failed to start: port ${config.port} on ${config.host} is already in use\n`,
    );
    return 1;
  }
  process.stdout.write(`broker listening on ${config.host}:${broker.config.port}\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) return;
      stopping = true;
      logger.info('stopping', { signal });
      broker.close().then(
        () => resolve(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error });
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // Asked for explicitly, so printed whatever the log level, on stdout with the listening line.
    const report = createLogger('info', (line) => process.stdout.write(line));
    process.on('SIGUSR2', () => {
      for (const { api, count, p50Ms, p99Ms, maxMs } of broker.takeRequestTimes()) {
        const ms = (value: number) => value.toFixed(3);
        report.info('request times', {
          api,
          count,
          p50Ms: ms(p50Ms),
          p99Ms: ms(p99Ms),
          maxMs: ms(maxMs),
        });
      }
      report.info('request times end');
    });
    broker.failure.catch(() => {
      stopping = true;
      logger.error('exiting: acknowledged writes may not be durable');
      void broker.close().finally(() => resolve(1));
    });
  });
}

main().then(
  // Explicit exit: everything is flushed and closed by now, and a stray timer must not keep a
  // stopped broker alive.
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`broker failed to start: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
