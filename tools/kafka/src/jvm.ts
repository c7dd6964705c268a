import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '@fanout/node-process';

/** A tool this needs is not installed: the message says what to install. */
export class MissingPrerequisiteError extends Error {
  override readonly name = 'MissingPrerequisiteError';
}

/** Kafka 4.x brokers and tools need Java 17 or newer. */
export const MIN_JAVA_MAJOR = 17;

const INSTALL_JAVA =
  'install a Java 17+ runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless)';

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, otherwise `java` from the PATH. */
export function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  return home ? path.join(home, 'bin', 'java') : 'java';
}

/** The major version in `java -version` output: "17.0.15" → 17, "1.8.0_402" → 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

let javaCheck: Promise<void> | undefined;

/** Fails with a one-line MissingPrerequisiteError when java is absent or older than 17. */
export function checkJava(): Promise<void> {
  const java = javaCommand();
  javaCheck ??= runCommand(java, ['-version']).then(
    ({ output }) => {
      const major = parseJavaMajor(output);
      if (major === undefined) {
        throw new MissingPrerequisiteError(`${java} -version said nothing usable: ${INSTALL_JAVA}`);
      }
      if (major < MIN_JAVA_MAJOR) {
        throw new MissingPrerequisiteError(
          `${java} is Java ${major}; Kafka needs 17+: ${INSTALL_JAVA}`,
        );
      }
    },
    (error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT'
        ? new MissingPrerequisiteError(`${java} not found: ${INSTALL_JAVA}`)
        : error;
    },
  );
  // A failed check is not cached: the next call looks again (after an install, say).
  javaCheck.catch(() => (javaCheck = undefined));
  return javaCheck;
}

/**
 * The watchdog: a shell that reads its stdin, a pipe whose only writer is this Node process and
 * which nothing ever writes to. However this process ends (exit, crash, SIGKILL), the kernel
 * closes the pipe, `read` sees end-of-file and the JVM gets SIGTERM (its shutdown hooks run),
 * then SIGKILL if it is still there 20 s later. It ignores SIGINT, SIGTERM and SIGHUP, so a
 * Ctrl-C or a signal to the whole process group cannot take it away before it is needed. When the
 * JVM exits first, this process SIGKILLs the watchdog, so it never signals a reused pid.
 */
const WATCHDOG_SCRIPT = [
  "trap '' INT TERM HUP",
  'while read -r _; do :; done',
  // Alive: signalable and, where /proc exists, not a zombie (an orphan's new parent may be slow
  // to reap it).
  'alive() {',
  '  kill -0 "$1" 2>/dev/null || return 1',
  '  [ -r "/proc/$1/stat" ] || return 0',
  '  [ "$(sed \'s/.*) //\' "/proc/$1/stat" | cut -c1)" != Z ]',
  '}',
  'kill -TERM "$1" 2>/dev/null || exit 0',
  'i=0',
  'while alive "$1"; do',
  '  i=$((i + 1))',
  '  if [ "$i" -ge 200 ]; then kill -KILL "$1" 2>/dev/null; exit 0; fi',
  '  sleep 0.1',
  'done',
].join('\n');

function startWatchdog(jvmPid: number): ChildProcess {
  const watchdog = spawn('sh', ['-c', WATCHDOG_SCRIPT, 'kafka-jvm-watchdog', String(jvmPid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.once('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  // Neither the watchdog nor its pipe keeps this process alive: when this process exits, the
  // pipe closing is exactly what the watchdog waits for.
  watchdog.unref();
  (watchdog.stdin as (NodeJS.WritableStream & { unref?: () => void }) | null)?.unref?.();
  return watchdog;
}

export interface JvmExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface JvmSpawnOptions {
  libDir: string;
  mainClass: string;
  args?: readonly string[];
  /** Options before the classpath: heap, GC, system properties. */
  jvmArgs?: readonly string[];
  stdio?: StdioOptions;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** A JVM child process that cannot outlive the Node process that started it. */
export interface Jvm {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves once the JVM has exited and its stdout and stderr are closed. */
  readonly exited: Promise<JvmExit>;
  readonly running: boolean;
}

/** `java <jvmArgs> -cp '<libDir>/*' <mainClass> <args>` with a watchdog (see above). */
export function spawnJvm(options: JvmSpawnOptions): Promise<Jvm> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      javaCommand(),
      [
        ...(options.jvmArgs ?? []),
        '-cp',
        path.join(options.libDir, '*'),
        options.mainClass,
        ...(options.args ?? []),
      ],
      { stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'], env: options.env, cwd: options.cwd },
    );
    child.once('error', reject);
    child.once('spawn', () => {
      const pid = child.pid as number;
      const watchdog = startWatchdog(pid);
      const exited = new Promise<JvmExit>((resolveExit) =>
        child.once('close', (code, signal) => resolveExit({ code, signal })),
      );
      child.once('exit', () => watchdog.kill('SIGKILL'));
      resolve({
        child,
        pid,
        exited,
        get running() {
          return child.exitCode === null && child.signalCode === null;
        },
      });
    });
  });
}

/** The shell convention for an exit: the code, or 128 + the signal number. */
export function exitStatus(exit: JvmExit): number {
  if (exit.code !== null) return exit.code;
  return 128 + (exit.signal ? os.constants.signals[exit.signal] : 0);
}
