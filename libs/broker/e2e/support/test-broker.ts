import { startBroker, type RunningBroker, type StartBrokerOptions } from '@fanout/broker';
import { tempDir } from './temp-dir';

export interface TestBroker extends RunningBroker {
  dataDir: string;
  /** Closes the broker and deletes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A broker on a free port and a fresh temp dir, quiet unless BROKER_LOG_LEVEL says otherwise.
 */
export async function startTestBroker(
  options: Partial<StartBrokerOptions> = {},
): Promise<TestBroker> {
  const dir = options.dataDir ? undefined : await tempDir('broker-e2e');
  const dataDir = options.dataDir ?? (dir?.path as string);
  const broker = await startBroker({
    port: 0,
    logLevel: (process.env.BROKER_LOG_LEVEL as StartBrokerOptions['logLevel']) ?? 'silent',
    ...options,
    dataDir,
  });
  return {
    ...broker,
    dataDir,
    async dispose() {
      await broker.close();
      await dir?.remove();
    },
  };
}
