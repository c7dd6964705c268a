import type { StdioOptions } from 'node:child_process';
import { ensureKafkaJars, type EnsureKafkaJarsOptions } from './kafka-jars';
import { LOG4J2_TOOLS_CONFIG } from './kafka-paths';
import { checkJava, type Jvm, type JvmExit, spawnJvm } from './jvm';

/**
 * Kafka's CLI tools and their main classes, as bin/<tool>.sh runs them through
 * kafka-run-class.sh. Taken from Kafka's bin/ scripts and checked against the pinned jars
 * (kafka-tools.spec.ts fails if a class is missing): in 4.x AclCommand lives in
 * org.apache.kafka.tools, ConfigCommand and StorageTool are still Scala classes in kafka_2.13.
 */
export const KAFKA_TOOLS = {
  'kafka-topics': 'org.apache.kafka.tools.TopicCommand',
  'kafka-consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'kafka-console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'kafka-console-producer': 'org.apache.kafka.tools.ConsoleProducer',
  'kafka-get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  'kafka-producer-perf-test': 'org.apache.kafka.tools.ProducerPerformance',
  'kafka-consumer-perf-test': 'org.apache.kafka.tools.ConsumerPerformance',
  'kafka-verifiable-producer': 'org.apache.kafka.tools.VerifiableProducer',
  'kafka-verifiable-consumer': 'org.apache.kafka.tools.VerifiableConsumer',
  'kafka-configs': 'kafka.admin.ConfigCommand',
  'kafka-acls': 'org.apache.kafka.tools.AclCommand',
  'kafka-broker-api-versions': 'org.apache.kafka.tools.BrokerApiVersionsCommand',
  'kafka-storage': 'kafka.tools.StorageTool',
  'kafka-metadata-quorum': 'org.apache.kafka.tools.MetadataQuorumCommand',
} as const;

export type KafkaToolName = keyof typeof KAFKA_TOOLS;

export function isKafkaTool(name: string): name is KafkaToolName {
  return Object.prototype.hasOwnProperty.call(KAFKA_TOOLS, name);
}

/** Tools that run until stopped or measure throughput: they keep the JVM's optimising compiler. */
const LONG_RUNNING_TOOLS: ReadonlySet<KafkaToolName> = new Set([
  'kafka-console-consumer',
  'kafka-console-producer',
  'kafka-producer-perf-test',
  'kafka-consumer-perf-test',
  'kafka-verifiable-producer',
  'kafka-verifiable-consumer',
]);

/**
 * JVM options for a tool, as kafka-run-class.sh gives it (-Xmx256M, headless), plus the quiet
 * log4j 2 configuration. Admin tools that run for a second or two also stop at the C1 compiler
 * (about 20% faster to finish here). KAFKA_OPTS is appended, as kafka-run-class.sh does.
 */
export function toolJvmArgs(tool: KafkaToolName): string[] {
  return [
    '-Xmx256m',
    ...(LONG_RUNNING_TOOLS.has(tool) ? [] : ['-XX:TieredStopAtLevel=1']),
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${LOG4J2_TOOLS_CONFIG}`,
    ...splitOptions(process.env.KAFKA_OPTS),
  ];
}

/** Whitespace-separated JVM options (as the shell scripts split $KAFKA_OPTS). */
export function splitOptions(value: string | undefined): string[] {
  return value?.trim() ? value.trim().split(/\s+/) : [];
}

export interface SpawnKafkaToolOptions extends EnsureKafkaJarsOptions {
  stdio?: StdioOptions;
}

/** Starts a tool's JVM (jars fetched first if need be); the caller owns its stdio. */
export async function spawnKafkaTool(
  tool: KafkaToolName,
  args: readonly string[],
  options: SpawnKafkaToolOptions = {},
): Promise<Jvm> {
  const libDir = await ensureKafkaJars(options);
  await checkJava();
  return spawnJvm({
    libDir,
    mainClass: KAFKA_TOOLS[tool],
    args,
    jvmArgs: toolJvmArgs(tool),
    stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
}

export interface KafkaToolResult extends JvmExit {
  stdout: string;
  stderr: string;
}

export interface RunKafkaToolOptions extends EnsureKafkaJarsOptions {
  /** Written to the tool's stdin, which is then closed (kafka-console-producer reads it). */
  input?: string;
  /** SIGKILL after this long and reject (default 120 s). */
  timeoutMs?: number;
}

/**
 * Runs one of Kafka's CLI tools to completion and collects its output, e.g.
 * `runKafkaTool('kafka-topics', ['--bootstrap-server', brokers, '--list'])`. A non-zero exit
 * is not an error here: look at `code`.
 */
export async function runKafkaTool(
  tool: KafkaToolName,
  args: readonly string[],
  options: RunKafkaToolOptions = {},
): Promise<KafkaToolResult> {
  const jvm = await spawnKafkaTool(tool, args, {
    ...options,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  jvm.child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  jvm.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (options.input !== undefined) jvm.child.stdin?.end(options.input);
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    jvm.child.kill('SIGKILL');
  }, timeoutMs);
  const exit = await jvm.exited;
  clearTimeout(timer);
  if (timedOut) {
    throw new Error(`${tool} ${args.join(' ')} took longer than ${timeoutMs} ms:\n${stderr}`);
  }
  return { ...exit, stdout, stderr };
}
