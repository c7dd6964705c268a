/**
 * The JavaScript that `npm start` runs its long-lived children from (the broker, the PostgreSQL
 * server's owner, the services, the console), compiled once per version of the sources.
 *
 * Why compile: under `node -r @swc-node/register` every process loads the TypeScript compiler and
 * keeps it: about 80 MB of memory per process (measured: an empty script takes 40 MB of RSS plain,
 * 121 MB with the register hook), eight times over. Compiled, the same services run in a fraction
 * of that, as they do in the container images (tools/build is the same compiler, the same
 * settings).
 *
 * The tree is `dist/start/<hash>/`, where the hash covers every TypeScript source the children can
 * reach, so an edit is compiled at the next start and an unchanged checkout reuses the last
 * compilation (two launchers starting together both compile, and the first rename wins). It
 * mirrors the repository (`<repo>/apps/orders/src/main.ts` runs as
 * `dist/start/<hash>/apps/orders/src/main.js`), so node_modules resolve as from the sources.
 */
import { compileEntries } from '@fanout/build';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import * as path from 'node:path';
import { SERVICE_NAMES } from './service-catalog';

/** Preloaded into every child, which then stops when the launcher is gone (with an IPC channel). */
export const PARENT_WATCH_SOURCE = 'tools/launcher/src/parent-watch.ts';

/**
 * What runs compiled: the parent watch and the long-lived Node children. The short-lived helpers
 * the console asks for (dead-letter replay, the load generator) keep the register hook, and so
 * does Apache Kafka's runner (tools/kafka), which finds its jars from where its source is and
 * whose memory is the JVM's.
 */
export const COMPILED_SOURCES: readonly string[] = [
  PARENT_WATCH_SOURCE,
  'tools/launcher/src/postgres-main.ts',
  'libs/broker/src/cli/main.ts',
  'apps/console/src/main.ts',
  ...SERVICE_NAMES.map((service) => `apps/${service}/src/main.ts`),
];

/** Every directory whose TypeScript the entries may reach (the hash covers all of it). */
const SOURCE_ROOTS = ['apps', 'libs', 'tools'];
/** Another version's tree is removed once nobody has started from it for this long. */
const STALE_MS = 24 * 60 * 60 * 1000;

export interface CompiledTree {
  dir: string;
  /** True when an earlier start had compiled these sources already. */
  reused: boolean;
  /** The compiled file of a repository-relative source file. */
  entry(source: string): string;
}

export async function prepareCompiledTree(
  repoRoot: string,
  entries: readonly string[] = COMPILED_SOURCES,
  startDir = path.join(repoRoot, 'dist', 'start'),
): Promise<CompiledTree> {
  const hash = await sourceHash(repoRoot);
  const dir = path.join(startDir, hash);
  const reused = existsSync(dir);
  if (reused) {
    const now = new Date();
    await utimes(dir, now, now); // in use: not stale for another day
  } else {
    const scratch = `${dir}.tmp-${process.pid}`;
    await rm(scratch, { recursive: true, force: true });
    await compileEntries(
      repoRoot,
      entries.map((entry) => path.join(repoRoot, entry)),
      scratch,
    );
    await rename(scratch, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another launcher compiled the same sources first: theirs is as good as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(scratch, { recursive: true, force: true });
    });
  }
  await removeStaleTrees(startDir, hash);
  return {
    dir,
    reused,
    entry: (source) => path.join(dir, source.replace(/\.ts$/, '.js')),
  };
}

/**
 * A hash of every non-test TypeScript file under apps/, libs/ and tools/, of the aliases that
 * link them and of the compiler's version: what the compiled tree depends on.
 */
async function sourceHash(repoRoot: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(readFileSync(path.join(repoRoot, 'tsconfig.base.json')));
  hash.update(require('@swc/core/package.json').version as string);
  for (const root of SOURCE_ROOTS) {
    const files = await readdir(path.join(repoRoot, root), { recursive: true });
    for (const file of files.sort()) {
      if (!file.endsWith('.ts') || /\.(e2e-)?spec\.ts$/.test(file)) continue;
      if (file.split(path.sep).includes('node_modules')) continue;
      hash.update(`${root}/${file}\0`);
      hash.update(await readFile(path.join(repoRoot, root, file)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** Other versions' trees nobody started from for a day, and scratch trees of launchers gone. */
async function removeStaleTrees(startDir: string, current: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(startDir).catch(() => [] as string[])) {
    if (name === current) continue;
    const full = path.join(startDir, name);
    const scratchOf = /\.tmp-(\d+)$/.exec(name)?.[1];
    const stale = scratchOf
      ? !isAlive(Number(scratchOf))
      : now - (await stat(full)).mtimeMs > STALE_MS;
    if (stale) await rm(full, { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
