// `npm run kafka -- --port P --data-dir D`: Apache Kafka in the foreground (see cli-args.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '@fanout/node-process';
import { KAFKA_USAGE, KafkaCliArgsError, parseKafkaCliArgs } from './cli-args';
import { ensureKafkaJars } from './kafka-jars';
import { pinnedKafkaVersion } from './kafka-paths';
import { type KafkaServer, type ScramUser, startKafkaServer } from './kafka-server';
import { checkJava } from './jvm';

const note = (line: string) => process.stderr.write(`kafka: ${line}\n`);

async function main(): Promise<number> {
  let options;
  try {
    options = parseKafkaCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof KafkaCliArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${KAFKA_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${KAFKA_USAGE}\n`);
    return 0;
  }
  if (options.fetchOnly) {
    const libDir = await ensureKafkaJars();
    await checkJava();
    note(`Apache Kafka ${pinnedKafkaVersion()} jars in ${libDir}`);
    return 0;
  }

  // 0 is a free port; the controller's default is the next port, or a free one too.
  const resolvePort = async (wanted: number) => (wanted === 0 ? findFreePort() : wanted);
  const port = await resolvePort(options.port);
  const controllerPort = await resolvePort(
    options.controllerPort ?? (options.port === 0 ? 0 : port + 1),
  );
  const dataDir = path.resolve(options.dataDir);

  const abort = new AbortController();
  let server: KafkaServer | undefined;
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) {
      // Asked twice: no more waiting for a clean shutdown.
      server?.jvm.child.kill('SIGKILL');
      return;
    }
    stopping = true;
    note(`${why}: stopping`);
    abort.abort();
    void server?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
  // Started by a process that has since died (a test runner killed outright, say): stop too,
  // rather than run on unowned. (The JVM itself is covered by its watchdog, see jvm.ts.) Not with
  // an IPC channel: that is the launcher's, whose parent watch (tools/launcher/src/parent-watch.ts,
  // preloaded here) stops this process once the launcher is gone, but only after the services,
  // which still commit their offsets to this broker while they shut down.
  const parent = process.ppid;
  if (parent > 1 && !process.channel) {
    setInterval(() => process.ppid !== parent && stop('parent process gone'), 1000).unref();
  }

  const startedAt = performance.now();
  try {
    server = await startKafkaServer({
      port,
      controllerPort,
      dataDir,
      heapOpts: options.heapOpts,
      signal: abort.signal,
      ...(options.sasl
        ? { sasl: readSaslUsers(options.sasl.usersFile, options.sasl.operator) }
        : {}),
    });
  } catch (error) {
    if (stopping) return 0;
    throw error;
  }
  if (stopping) {
    await server.stop();
    return 0;
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  note(
    `Apache Kafka ${pinnedKafkaVersion()} ready in ${seconds} s: jvm pid ${server.jvm.pid}, ` +
      `controller 127.0.0.1:${controllerPort}, data ${dataDir}`,
  );
  process.stdout.write(`kafka listening on ${server.brokers}\n`);

  const exit = await server.jvm.exited;
  if (stopping) {
    note('stopped');
    return 0;
  }
  note(`the JVM exited unexpectedly (code ${exit.code}, signal ${exit.signal})`);
  return 1;
}

/** The users file (the embedded broker's format) and which of its users is the operator. */
function readSaslUsers(file: string, operatorName: string) {
  let users: ScramUser[];
  try {
    users = (JSON.parse(readFileSync(file, 'utf8')) as { users: ScramUser[] }).users;
  } catch (error) {
    throw new Error(`--sasl-users-file ${file}: ${(error as Error).message}`);
  }
  const valid = (u: ScramUser) => typeof u?.name === 'string' && typeof u?.password === 'string';
  if (!Array.isArray(users) || !users.every(valid)) {
    throw new Error(`--sasl-users-file ${file} is not {"users":[{"name","password"}]}`);
  }
  const operator = users.find((user) => user.name === operatorName);
  if (!operator) throw new Error(`--operator ${operatorName} is not a user of ${file}`);
  return { users, operator };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    note(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
