/**
 * librdkafka compatibility, proven with the unmodified kcat CLI: a keyed produce, a balanced
 * consumer group with CRC checks, a plain partition read and a metadata listing.
 *
 * kcat is installed by .ci/install-kcat.sh. Outside CI the suite skips (loudly) when kcat is
 * missing; in CI a missing kcat fails the suite instead of silently proving nothing.
 */
import { spawn, spawnSync } from 'node:child_process';
import { kafkaClient } from './support/kafka-client';
import { startTestBroker, type TestBroker } from './support/test-broker';

const MESSAGE_COUNT = 10_000;
const KEY_COUNT = 50;
const PARTITIONS = 3;
const KCAT_TIMEOUT_MS = 30_000;
const TEST_TIMEOUT_MS = 60_000;

const kcatInstalled = spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
const runningInCi = Boolean(process.env.CI) && process.env.CI !== 'false';

interface KcatResult {
  stdout: string;
  stderr: string;
}

/** Runs kcat to completion; rejects on a non-zero exit or after KCAT_TIMEOUT_MS. */
function kcat(args: string[], stdin?: string): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kcat ${args.join(' ')} timed out:\n${Buffer.concat(stderr).toString()}`));
    }, KCAT_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = {
        stdout: Buffer.concat(stdout).toString(),
        stderr: Buffer.concat(stderr).toString(),
      };
      if (code === 0) resolve(result);
      else reject(new Error(`kcat ${args.join(' ')} exited with ${code}:\n${result.stderr}`));
    });
    child.stdin.end(stdin ?? '');
  });
}

/** Message i carries key k = i mod KEY_COUNT and that key's running sequence number. */
function keyedInput(): string {
  const lines: string[] = [];
  for (let i = 0; i < MESSAGE_COUNT; i++) {
    const key = i % KEY_COUNT;
    lines.push(`key-${key}:value-${key}-${Math.floor(i / KEY_COUNT)}`);
  }
  return lines.join('\n') + '\n';
}

interface ConsumedRecord {
  partition: number;
  key: string;
  value: string;
}

/** Parses kcat output printed with `-f '%p %k %s\n'`. */
function parseRecords(output: string): ConsumedRecord[] {
  return output
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [partition, key, value] = line.split(' ');
      return { partition: Number(partition), key, value };
    });
}

/**
 * Every message arrived once, with its own key, each key on one partition and in order. Checked
 * in plain code and asserted once: 10,000 individual expect() calls would dominate the runtime.
 */
function expectAllKeyedMessagesInOrder(records: ConsumedRecord[]): void {
  const problems: string[] = [];
  const nextSequenceByKey = new Map<string, number>();
  const partitionByKey = new Map<string, number>();
  for (const { partition, key, value } of records) {
    const match = /^value-(\d+)-(\d+)$/.exec(value);
    if (!match || key !== `key-${match[1]}`) {
      problems.push(`key ${key} carries value ${value}`);
      continue;
    }
    const sequence = Number(match[2]);
    const expected = nextSequenceByKey.get(key) ?? 0;
    if (sequence !== expected) problems.push(`${key}: got #${sequence}, expected #${expected}`);
    nextSequenceByKey.set(key, sequence + 1);
    if ((partitionByKey.get(key) ?? partition) !== partition) {
      problems.push(`${key} arrived from partitions ${partitionByKey.get(key)} and ${partition}`);
    }
    partitionByKey.set(key, partition);
  }

  expect(problems.slice(0, 10)).toEqual([]);
  expect(records).toHaveLength(MESSAGE_COUNT);
  expect(nextSequenceByKey.size).toBe(KEY_COUNT);
  // The keys spread over every partition, so the group really balanced several partitions.
  expect(new Set(partitionByKey.values()).size).toBe(PARTITIONS);
}

if (!kcatInstalled && !runningInCi) {
  console.warn('kcat e2e skipped: kcat is not installed (run .ci/install-kcat.sh to enable it)');
}

const describeWithKcat = kcatInstalled || runningInCi ? describe : describe.skip;

describeWithKcat('kcat (librdkafka) against the embedded broker', () => {
  const topic = 'kcat-e2e';
  let broker: TestBroker | undefined;
  let bootstrap: string;

  beforeAll(async () => {
    if (!kcatInstalled) {
      throw new Error('kcat is not installed but CI is set: run .ci/install-kcat.sh first');
    }
    broker = await startTestBroker();
    bootstrap = broker.brokers;

    // kcat cannot create topics; a multi-partition topic makes the per-key order check meaningful.
    const admin = kafkaClient(bootstrap).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
    } finally {
      await admin.disconnect();
    }

    await kcat(['-P', '-b', bootstrap, '-t', topic, '-K', ':', '-X', 'acks=all'], keyedInput());
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await broker?.dispose();
  }, TEST_TIMEOUT_MS);

  it(
    'lists the broker and the topic with kcat -L',
    async () => {
      const { stdout } = await kcat(['-L', '-J', '-b', bootstrap, '-t', topic]);
      const metadata = JSON.parse(stdout) as {
        brokers: { id: number; name: string }[];
        topics: { topic: string; partitions: { partition: number; leader: number }[] }[];
      };

      expect(metadata.brokers).toHaveLength(1);
      expect(metadata.brokers[0].name).toBe(bootstrap);
      expect(metadata.topics).toHaveLength(1);
      expect(metadata.topics[0].topic).toBe(topic);
      expect(metadata.topics[0].partitions.map((p) => p.partition).sort()).toEqual([0, 1, 2]);
      for (const { leader } of metadata.topics[0].partitions) {
        expect(leader).toBe(metadata.brokers[0].id);
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'reads every partition from the beginning with CRC checks (kcat -C -e)',
    async () => {
      const { stdout } = await kcat([
        '-C',
        '-b',
        bootstrap,
        '-t',
        topic,
        '-o',
        'beginning',
        '-e',
        '-q',
        '-X',
        'check.crcs=true',
        '-f',
        '%p %k %s\n',
      ]);

      expectAllKeyedMessagesInOrder(parseRecords(stdout));
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'consumes everything in a balanced consumer group and commits its offsets (kcat -G)',
    async () => {
      const group = 'kcat-e2e-group';
      const { stdout } = await kcat([
        '-b',
        bootstrap,
        '-G',
        group,
        '-c',
        String(MESSAGE_COUNT),
        '-q',
        '-X',
        'check.crcs=true',
        '-X',
        'auto.offset.reset=earliest',
        '-f',
        '%p %k %s\n',
        topic,
      ]);

      expectAllKeyedMessagesInOrder(parseRecords(stdout));

      // librdkafka commits on close: the group's committed offsets must cover every message.
      const admin = kafkaClient(bootstrap).admin();
      await admin.connect();
      try {
        const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const total = committed.partitions.reduce((sum, { offset }) => sum + Number(offset), 0);
        expect(total).toBe(MESSAGE_COUNT);
      } finally {
        await admin.disconnect();
      }
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives a restarted static member (group.instance.id) its partitions back at once',
    async () => {
      const sessionTimeoutMs = 30_000;
      const consumeAs = (count: number) =>
        kcat([
          '-b',
          bootstrap,
          '-G',
          'kcat-static-group',
          '-c',
          String(count),
          '-q',
          '-X',
          'group.instance.id=kcat-1',
          '-X',
          `session.timeout.ms=${sessionTimeoutMs}`,
          '-X',
          'auto.offset.reset=earliest',
          '-f',
          '%p@%o\n',
          topic,
        ]);
      const positions = (output: string) => output.split('\n').filter((line) => line !== '');

      const first = positions((await consumeAs(100)).stdout);
      // A static member sends no LeaveGroup on exit, so the group still counts it. Had the
      // broker taken the second process for a new member, the join would wait for the first
      // one's session to run out (30 s) before the group could rebalance.
      const restartedAt = Date.now();
      const second = positions((await consumeAs(100)).stdout);
      expect(Date.now() - restartedAt).toBeLessThan(sessionTimeoutMs / 2);

      expect(first).toHaveLength(100);
      expect(second).toHaveLength(100);
      // It resumed from the offsets committed before the restart: nothing read twice.
      expect(second.filter((position) => first.includes(position))).toEqual([]);
    },
    TEST_TIMEOUT_MS,
  );
});
