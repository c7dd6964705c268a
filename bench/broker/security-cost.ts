/**
 * What authentication and TLS cost per message: the embedded broker (compiled, as `npm run
 * broker` runs it) with a PLAINTEXT listener, SASL_PLAINTEXT (SCRAM-SHA-512, ACL authorizer) and
 * SASL_SSL (the same over TLS), side by side in one run, each measured with the same kafkajs
 * phases; the listeners take turns within each run, so a busy machine spreads over all three.
 *
 *   node -r @swc-node/register bench/broker/security-cost.ts [--messages N] [--size B]
 *     [--rate R] [--seconds S] [--runs N]
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { compiledLaunch, repoRoot, startBrokerProcess } from './broker-process';
import { buildBroker } from './build-broker';
import { removeOnExit } from './exit-cleanup';
import { consume, createTopic, produce, produceToConsumeLatency } from './kafkajs-bench';
import { log, runBench } from './phase';
import { measureCpu } from './process-stats';
import { median } from './stats';

interface Listener {
  name: string;
  brokerArgs: string[];
  client: Pick<KafkaConfig, 'sasl' | 'ssl'>;
}

interface Figures {
  connectMs: number;
  produceMsgPerSec: number;
  produceBrokerUsPerMsg: number;
  consumeMsgPerSec: number;
  consumeBrokerUsPerMsg: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

const CONNECTIONS_TIMED = 5;

function options() {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '100000' },
      size: { type: 'string', default: '1024' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '10' },
      runs: { type: 'string', default: '3' },
    },
  });
  const numbers = Object.fromEntries(
    Object.entries(values).map(([name, value]) => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1) {
        throw new Error(`--${name} must be a positive integer, not ${value}`);
      }
      return [name, parsed];
    }),
  );
  return numbers as Record<keyof typeof values, number>;
}

/** One user allowed everything through ACLs (not a super user: the ACL check runs). */
async function listeners(dir: string): Promise<Listener[]> {
  const password = randomBytes(18).toString('base64url');
  const usersFile = join(dir, 'users.json');
  const aclsFile = join(dir, 'acls.json');
  await writeFile(usersFile, JSON.stringify({ users: [{ name: 'bench', password }] }));
  const allow = (resourceType: string) => ({
    resourceType,
    resourceName: '*',
    principal: 'User:bench',
    operation: 'ALL',
    permissionType: 'ALLOW',
  });
  await writeFile(aclsFile, JSON.stringify({ acls: [allow('TOPIC'), allow('GROUP')] }));
  const certFile = join(dir, 'broker.crt');
  const keyFile = join(dir, 'broker.key');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=broker-bench',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    keyFile,
    '-out',
    certFile,
  ]);
  const sasl = { mechanism: 'scram-sha-512' as const, username: 'bench', password };
  const secured = [
    '--sasl-mechanisms',
    'SCRAM-SHA-512',
    '--sasl-users-file',
    usersFile,
    '--authorizer',
    'acl',
    '--acls',
    aclsFile,
  ];
  return [
    { name: 'PLAINTEXT', brokerArgs: [], client: {} },
    {
      name: 'SASL_PLAINTEXT, SCRAM-SHA-512, ACLs',
      brokerArgs: ['--listener-security-protocol', 'SASL_PLAINTEXT', ...secured],
      client: { sasl },
    },
    {
      name: 'SASL_SSL (TLS), SCRAM-SHA-512, ACLs',
      brokerArgs: [
        '--listener-security-protocol',
        'SASL_SSL',
        '--tls-cert',
        certFile,
        '--tls-key',
        keyFile,
        ...secured,
      ],
      client: { sasl, ssl: { ca: [await readFile(certFile, 'utf8')] } },
    },
  ];
}

async function measure(
  listener: Listener,
  dir: string,
  settings: ReturnType<typeof options>,
  suffix: string,
): Promise<Figures> {
  const dataDir = join(dir, `data-${suffix}`);
  const broker = await startBrokerProcess(compiledLaunch(), dataDir, [], listener.brokerArgs);
  try {
    const kafka = new Kafka({
      clientId: 'security-bench',
      brokers: [broker.bootstrap],
      logLevel: logLevel.ERROR,
      ...listener.client,
    });
    // A new connection: TCP, then the TLS handshake and the SCRAM exchange where configured.
    const connects: number[] = [];
    for (let i = 0; i < CONNECTIONS_TIMED; i++) {
      const admin = kafka.admin();
      const start = performance.now();
      await admin.connect();
      connects.push(performance.now() - start);
      await admin.disconnect();
    }
    const { messages, size } = settings;
    const shape = { size, batch: 1000, inflight: 4 };
    await createTopic(kafka, 'warmup');
    await produce(kafka, 'warmup', { ...shape, messages: Math.max(1000, messages / 4) });
    await createTopic(kafka, 'bench');
    const produced = await measureCpu(broker.pid, () =>
      produce(kafka, 'bench', { ...shape, messages }),
    );
    const consumed = await measureCpu(broker.pid, () =>
      consume(kafka, 'bench', { messages, groupId: `bench-${suffix}`, limitMs: 120_000 }),
    );
    await createTopic(kafka, 'latency');
    const latency = await produceToConsumeLatency(kafka, 'latency', {
      rate: settings.rate,
      seconds: settings.seconds,
      warmupSeconds: 3,
      size,
      groupId: `latency-${suffix}`,
    });
    return {
      connectMs: median(connects),
      produceMsgPerSec: produced.result.throughput.messagesPerSecond,
      produceBrokerUsPerMsg: (produced.serverCpuSeconds / messages) * 1e6,
      consumeMsgPerSec: consumed.result.throughput.messagesPerSecond,
      consumeBrokerUsPerMsg: (consumed.serverCpuSeconds / messages) * 1e6,
      latencyP50Ms: latency.latency.p50Ms,
      latencyP99Ms: latency.latency.p99Ms,
    };
  } finally {
    await broker.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function report(results: Map<string, Figures[]>, settings: ReturnType<typeof options>): string {
  const med = (figures: Figures[], key: keyof Figures) => median(figures.map((f) => f[key]));
  const fixed = (value: number, digits: number) => value.toFixed(digits);
  const rows = [...results].map(([name, figures]) => {
    const cells = [
      name,
      fixed(med(figures, 'connectMs'), 1),
      fixed(med(figures, 'produceMsgPerSec'), 0),
      fixed(med(figures, 'produceBrokerUsPerMsg'), 2),
      fixed(med(figures, 'consumeMsgPerSec'), 0),
      fixed(med(figures, 'consumeBrokerUsPerMsg'), 2),
      `${fixed(med(figures, 'latencyP50Ms'), 2)} / ${fixed(med(figures, 'latencyP99Ms'), 2)}`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [
    `${settings.messages} x ${settings.size} B per throughput phase (kafkajs, batches of 1000, ` +
      `4 in flight), latency at ${settings.rate}/s for ${settings.seconds} s; medians of ` +
      `${settings.runs} run(s); load average ${loadavg()[0]?.toFixed(2)}`,
    '',
    '| listener | connect, ms | produce, msg/s | broker CPU per produced msg, µs | consume, msg/s | broker CPU per consumed msg, µs | latency p50 / p99, ms |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

async function main(): Promise<void> {
  const settings = options();
  const dir = removeOnExit(await mkdtemp(join(tmpdir(), 'broker-security-bench-')));
  try {
    await buildBroker(repoRoot);
    const all = await listeners(dir);
    const results = new Map<string, Figures[]>(all.map((listener) => [listener.name, []]));
    for (let run = 1; run <= settings.runs; run++) {
      for (const listener of all) {
        log(`run ${run} of ${settings.runs}: ${listener.name}`);
        results
          .get(listener.name)
          ?.push(await measure(listener, dir, settings, `${run}-${all.indexOf(listener)}`));
      }
    }
    console.log(report(results, settings));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

runBench(main);
