import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive, NodeProcess, findFreePort } from '@fanout/node-process';
import { apacheKafkaAuthArgs } from './kafka-auth/broker-auth-args';
import type { KafkaAuth } from './kafka-auth/kafka-credentials';
import { ensureKafkaJars } from './kafka-jars';
import { waitFor } from './wait-for';

export interface StartApacheKafkaOptions {
  /** Kafka's data: created and formatted when new, reused as it is otherwise. */
  dataDir: string;
  /** Client port on 127.0.0.1 (default: a free port). */
  port?: number;
  /** KRaft controller port on 127.0.0.1 (default: a free port). */
  controllerPort?: number;
  /** JVM heap options (default -Xms256m -Xmx512m). */
  heapOpts?: string;
  /** The runner's and the JVM's console output, appended (default <dataDir>/logs/runner.log). */
  logFile?: string;
  /** How long the JVM may take to answer clients (default 180 s). */
  readyTimeoutMs?: number;
  /**
   * SASL SCRAM-SHA-512 and the StandardAuthorizer with these principals (prepareKafkaAuth), as
   * `npm start -- --kafka apache` runs it; the ACLs are the caller's to add (createAclsAsOperator).
   */
  auth?: KafkaAuth;
}

/** A running Apache Kafka: `npm run kafka` as a child process, its JVM ready for clients. */
export interface ApacheKafka {
  /** `127.0.0.1:<port>`, for kafkajs `brokers` or a tool's --bootstrap-server. */
  readonly brokers: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** The JVM's pid (the Node runner is its parent). */
  readonly jvmPid: number;
  /** SIGTERM to the runner, which stops the JVM cleanly; resolves once both have exited. */
  stop(): Promise<void>;
  /**
   * Signals the JVM itself (default SIGKILL: a broker crash, nothing flushed); resolves once the
   * JVM and the runner (which exits when its JVM does) are gone.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGKILLs the Node runner only; its watchdog stops the JVM; resolves once the JVM is gone. */
  killRunner(): Promise<void>;
  /** The last lines of the log file. */
  logTail(lines?: number): string;
}

const RUNNER = 'tools/kafka/src/main.ts';

/**
 * Starts Apache Kafka (KRaft, one combined broker+controller) as `npm run kafka` does, in its
 * own process, and resolves once clients can connect. Fetches the jars first when they are not
 * cached yet (progress on stderr). Start it again on the same dataDir to find the same topics.
 */
export async function startApacheKafka(options: StartApacheKafkaOptions): Promise<ApacheKafka> {
  await ensureKafkaJars();
  const dataDir = path.resolve(options.dataDir);
  const port = options.port || (await findFreePort());
  const controllerPort = options.controllerPort || (await findFreePort());
  const logFile = options.logFile ?? path.join(dataDir, 'logs', 'runner.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const args = [
    '--port',
    String(port),
    '--controller-port',
    String(controllerPort),
    '--data-dir',
    dataDir,
  ];
  // With '=': the value starts with a dash.
  if (options.heapOpts) args.push(`--heap=${options.heapOpts}`);
  if (options.auth) args.push(...apacheKafkaAuthArgs(options.auth));
  // The runner stops the JVM before it exits; SIGKILL only if that takes over a minute.
  const runner = new NodeProcess('kafka', RUNNER, args, {}, logFile, { stopGraceMs: 60_000 });

  // Only this start's output counts: the log file is appended to across restarts.
  const logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
  const freshLog = () => {
    try {
      return readFileSync(logFile).subarray(logOffset).toString();
    } catch {
      return '';
    }
  };
  runner.start();
  let jvmPid = 0;
  try {
    await waitFor(
      `Apache Kafka on 127.0.0.1:${port} (log: ${logFile})`,
      () => {
        // Both lines: stdout and stderr reach the log file through separate pipes, in either
        // order.
        const log = freshLog();
        jvmPid = Number(/jvm pid (\d+)/.exec(log)?.[1] ?? 0);
        if (jvmPid > 0 && log.includes(`kafka listening on 127.0.0.1:${port}`)) return true;
        if (!runner.running) throw new Error('kafka exited during start:');
        return false;
      },
      options.readyTimeoutMs ?? 180_000,
    );
  } catch (error) {
    await runner.stop();
    throw new Error(`${(error as Error).message}\n${freshLog().trimEnd()}`, { cause: error });
  }

  const jvmGone = () =>
    waitFor(`the Kafka JVM (pid ${jvmPid}) to exit`, () => !isProcessAlive(jvmPid), 60_000);
  return {
    brokers: `127.0.0.1:${port}`,
    port,
    controllerPort,
    dataDir,
    logFile,
    jvmPid,
    async stop() {
      await runner.stop();
      await jvmGone();
    },
    async kill(signal = 'SIGKILL') {
      // (isProcessAlive refuses pids <= 0: kill(0) would signal this whole process group.)
      if (isProcessAlive(jvmPid)) process.kill(jvmPid, signal);
      await jvmGone();
      await runner.stop();
    },
    async killRunner() {
      await runner.kill();
      await jvmGone();
    },
    logTail: (lines) => runner.logTail(lines),
  };
}
