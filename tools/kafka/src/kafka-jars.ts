import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkJava, MissingPrerequisiteError } from './jvm';
import {
  KAFKA_POM,
  kafkaCacheDir,
  kafkaLibDir,
  pinnedKafkaVersion,
  REPO_ROOT,
} from './kafka-paths';

/** Inside the lib directory: the pom it was resolved from (jars only are on the classpath). */
const POM_STAMP = '.resolved-from-pom.xml';

export interface EnsureKafkaJarsOptions {
  /** Progress lines while fetching (nothing is reported when the cache is already there). */
  progress?: (line: string) => void;
}

/**
 * The directory holding every jar of the pinned Apache Kafka (broker, CLI tools, dependencies,
 * log4j binding), fetched with Maven on first use and reused offline afterwards. A cache made
 * from a different pom is fetched again. Safe to call from several processes at once: each
 * fetches into its own directory and the first rename wins.
 */
export async function ensureKafkaJars(options: EnsureKafkaJarsOptions = {}): Promise<string> {
  const pom = readFileSync(KAFKA_POM, 'utf8');
  const version = pinnedKafkaVersion(pom);
  const libDir = kafkaLibDir(version);
  if (cacheMatches(libDir, pom)) return libDir;

  const progress = options.progress ?? ((line: string) => process.stderr.write(`${line}\n`));
  await checkJava();
  const cacheDir = kafkaCacheDir(version);
  mkdirSync(cacheDir, { recursive: true });
  const partial = path.join(cacheDir, `lib.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  try {
    const startedAt = performance.now();
    progress(
      `kafka: fetching Apache Kafka ${version} jars from Maven Central into ` +
        `${path.relative(REPO_ROOT, libDir) || libDir} (once: about 80 MB, a minute or so)`,
    );
    const { files, bytes } = await copyDependencies(partial, progress);
    writeFileSync(path.join(partial, POM_STAMP), pom);
    if (existsSync(libDir) && !cacheMatches(libDir, pom)) {
      const stale = path.join(cacheDir, `lib.stale-${process.pid}`);
      renameSync(libDir, stale);
      rmSync(stale, { recursive: true, force: true });
    }
    try {
      renameSync(partial, libDir);
    } catch (error) {
      // Another process finished first with the same pom: its copy is as good as ours.
      if (!cacheMatches(libDir, pom)) throw error;
    }
    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    progress(
      `kafka: jars ready (${files} downloads, ${formatMegabytes(bytes)}) in ${seconds} s: ${libDir}`,
    );
    return libDir;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

function cacheMatches(libDir: string, pom: string): boolean {
  try {
    return readFileSync(path.join(libDir, POM_STAMP), 'utf8') === pom;
  } catch {
    return false;
  }
}

const UNIT_BYTES: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };

function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `mvn dependency:copy-dependencies`, its download lines condensed into a progress line. */
function copyDependencies(
  outputDirectory: string,
  progress: (line: string) => void,
): Promise<{ files: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const mvn = spawn(
      'mvn',
      [
        '-B',
        '-f',
        KAFKA_POM,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${outputDirectory}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: path.dirname(KAFKA_POM) },
    );
    let files = 0;
    let bytes = 0;
    let lastReport = performance.now();
    const tail: string[] = [];
    let pending = '';
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 60) tail.shift();
      // "Downloaded from central: https://.../kafka-clients-4.3.1.jar (10 MB at 5.1 MB/s)"
      const downloaded =
        /^(?:\[INFO\] )?Downloaded from [^:]+: \S+ \(([\d.]+) (B|kB|KB|MB|GB)/.exec(line);
      if (!downloaded) return;
      files += 1;
      bytes += Number(downloaded[1]) * (UNIT_BYTES[downloaded[2]] ?? 1);
      if (performance.now() - lastReport >= 5000) {
        lastReport = performance.now();
        progress(`kafka: ... ${files} downloads, ${formatMegabytes(bytes)} so far`);
      }
    };
    const onData = (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(onLine);
    };
    mvn.stdout.on('data', onData);
    mvn.stderr.on('data', onData);
    mvn.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new MissingPrerequisiteError(
              'mvn not found: install Maven (Debian/Ubuntu: apt-get install maven); it fetches ' +
                'the Apache Kafka jars once into .cache/kafka',
            )
          : error,
      ),
    );
    mvn.once('close', (code) => {
      if (pending) onLine(pending);
      if (code === 0) {
        resolve({ files, bytes });
      } else {
        const errors = tail.filter((line) => line.startsWith('[ERROR]'));
        reject(
          new Error(
            `mvn dependency:copy-dependencies failed (exit ${code}):\n` +
              (errors.length > 0 ? errors : tail).join('\n'),
          ),
        );
      }
    });
  });
}
