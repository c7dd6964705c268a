import { OPTIONS } from '../src/config';
import { spawnBroker, spawnCli } from './support/broker-process';
import { kafkaClient } from './support/kafka-client';
import { tempDir } from './support/temp-dir';

jest.setTimeout(60_000);

/** Runs the CLI to completion. */
function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the broker CLI', () => {
  it('documents every option and its environment variable in --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const option of OPTIONS) {
      expect(stdout).toContain(`--${option.flag}`);
      expect(stdout).toContain(option.env);
    }
  });

  it('refuses an unknown option or a bad value with the usage and exit code 2', async () => {
    const unknown = await runCli(['--prot', '9092']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--prot'");
    const bad = await runCli(['--fsync', 'sometimes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fsync');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)(
    'serves clients, takes settings from the environment and exits 0 on %s',
    async (signal) => {
      const dir = await tempDir('broker-cli');
      try {
        const broker = await spawnBroker(['--port', '0', '--data-dir', dir.path], {
          BROKER_DEFAULT_PARTITIONS: '2',
          BROKER_LOG_LEVEL: 'warn',
        });
        expect(broker.stdout()).toBe(`broker listening on 127.0.0.1:${broker.port}\n`);

        const kafka = kafkaClient(broker.brokers);
        const producer = kafka.producer();
        await producer.connect();
        await producer.send({ topic: 'from-cli', messages: [{ value: 'hello' }] });
        await producer.disconnect();
        const admin = kafka.admin();
        await admin.connect();
        const { topics } = await admin.fetchTopicMetadata({ topics: ['from-cli'] });
        expect(topics[0]?.partitions).toHaveLength(2);
        await admin.disconnect();

        broker.child.kill(signal);
        expect(await broker.exited).toBe(0);
      } finally {
        await dir.remove();
      }
    },
  );

  it('prints per-API request times on SIGUSR2, counting afresh after each report', async () => {
    const dir = await tempDir('broker-cli-times');
    try {
      const broker = await spawnBroker(['--port', '0', '--data-dir', dir.path], {
        BROKER_LOG_LEVEL: 'warn',
      });
      const producer = kafkaClient(broker.brokers).producer();
      await producer.connect();
      for (let i = 0; i < 5; i++) {
        await producer.send({ topic: 'timed', messages: [{ value: `m${i}` }], acks: -1 });
      }
      await producer.disconnect();

      const report = async (): Promise<string> => {
        const before = broker.stdout().length;
        broker.child.kill('SIGUSR2');
        while (!broker.stdout().slice(before).includes('request times end')) {
          await new Promise((tick) => setTimeout(tick, 20));
        }
        return broker.stdout().slice(before);
      };
      // Shown despite --log-level warn: the report was asked for.
      const first = await report();
      expect(first).toMatch(
        /INFO request times api=Produce count=5 p50Ms=\d+\.\d{3} p99Ms=\d+\.\d{3} maxMs=\d+\.\d{3}\n/,
      );
      expect(first).toMatch(/api=ApiVersions count=\d+/);
      expect(await report()).not.toContain('api=Produce');

      broker.child.kill('SIGTERM');
      expect(await broker.exited).toBe(0);
    } finally {
      await dir.remove();
    }
  });
});
