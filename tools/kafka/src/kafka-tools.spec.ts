import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { jarEntries } from './jar-entries';
import { ensureKafkaJars } from './kafka-jars';
import { REPO_ROOT } from './kafka-paths';
import { isKafkaTool, KAFKA_TOOLS } from './kafka-tools';

/** `npm run kafka:tool -- <args>` as a user runs it (without npm): exit code and output. */
function kafkaToolCli(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const { NODE_OPTIONS: _jestOnly, ...env } = process.env;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/kafka/src/tool-main.ts', ...args],
      { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('Kafka CLI tools', () => {
  it('maps every tool to a main class that the pinned jars contain', async () => {
    const libDir = await ensureKafkaJars();
    const classes = new Set(
      readdirSync(libDir)
        .filter((name) => name.endsWith('.jar'))
        .flatMap((jar) => jarEntries(path.join(libDir, jar))),
    );
    expect(classes.has('kafka/Kafka.class')).toBe(true);
    const missing = Object.entries(KAFKA_TOOLS).filter(
      ([, mainClass]) => !classes.has(`${mainClass.replace(/\./g, '/')}.class`),
    );
    expect(missing).toEqual([]);
  }, 300_000);

  it('knows the tools the issue lists, and nothing else', () => {
    expect(Object.keys(KAFKA_TOOLS).sort()).toEqual(
      [
        'kafka-acls',
        'kafka-broker-api-versions',
        'kafka-configs',
        'kafka-console-consumer',
        'kafka-console-producer',
        'kafka-consumer-groups',
        'kafka-consumer-perf-test',
        'kafka-get-offsets',
        'kafka-metadata-quorum',
        'kafka-producer-perf-test',
        'kafka-storage',
        'kafka-topics',
        'kafka-verifiable-consumer',
        'kafka-verifiable-producer',
      ].sort(),
    );
    expect(isKafkaTool('kafka-topics')).toBe(true);
    expect(isKafkaTool('toString')).toBe(false);
  });

  it('kafka:tool with an unknown tool lists the known ones and exits 2', async () => {
    const { code, output } = await kafkaToolCli(['kafka-topix', '--list']);
    expect(code).toBe(2);
    expect(output).toContain('Unknown tool "kafka-topix"');
    for (const tool of Object.keys(KAFKA_TOOLS)) expect(output).toContain(`  ${tool}\n`);
  });

  it('kafka:tool with no tool at all exits 2 too', async () => {
    const { code, output } = await kafkaToolCli([]);
    expect(code).toBe(2);
    expect(output).toContain('No tool given');
  });
});
