import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { prepareCompiledTree } from './compiled-tree';
import { SERVICE_NAMES } from './service-catalog';

const repoRoot = path.resolve(__dirname, '../../..');
// A small entry that still reaches a library through an alias: quick to compile.
const ENTRY = 'tools/launcher/src/service-catalog.ts';
const DAY_MS = 24 * 60 * 60 * 1000;

describe('prepareCompiledTree', () => {
  let startDir: string;

  beforeEach(async () => {
    // Inside the repository (tmp/ is ignored by git), so the compiled code finds node_modules.
    mkdirSync(path.join(repoRoot, 'tmp'), { recursive: true });
    startDir = await mkdtemp(path.join(repoRoot, 'tmp', 'compiled-tree-'));
  });

  afterEach(async () => {
    await rm(startDir, { recursive: true, force: true });
  });

  it('compiles once per version of the sources and reuses it at the next start', async () => {
    const first = await prepareCompiledTree(repoRoot, [ENTRY], startDir);
    expect(first.reused).toBe(false);
    expect(path.dirname(first.dir)).toBe(startDir);
    expect(first.entry(ENTRY)).toBe(path.join(first.dir, 'tools/launcher/src/service-catalog.js'));
    expect(existsSync(first.entry(ENTRY))).toBe(true);

    const second = await prepareCompiledTree(repoRoot, [ENTRY], startDir);
    expect(second).toMatchObject({ dir: first.dir, reused: true });
  }, 60_000);

  it('writes JavaScript that Node runs without the register hook', async () => {
    const tree = await prepareCompiledTree(repoRoot, [ENTRY], startDir);
    const script =
      `const { SERVICE_NAMES } = require(${JSON.stringify(tree.entry(ENTRY))});` +
      `process.stdout.write(SERVICE_NAMES.join(','));`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe(
      SERVICE_NAMES.join(','),
    );
  }, 60_000);

  it("removes other versions' trees unused for a day and dead launchers' scratch trees", async () => {
    const stale = path.join(startDir, 'aaaaaaaaaaaaaaaa');
    const recent = path.join(startDir, 'bbbbbbbbbbbbbbbb');
    const deadScratch = path.join(startDir, 'cccccccccccccccc.tmp-999999999');
    const liveScratch = path.join(startDir, `dddddddddddddddd.tmp-${process.pid}`);
    for (const dir of [stale, recent, deadScratch, liveScratch]) mkdirSync(dir);
    const longAgo = new Date(Date.now() - 2 * DAY_MS);
    utimesSync(stale, longAgo, longAgo);

    await prepareCompiledTree(repoRoot, [ENTRY], startDir);

    expect([stale, recent, deadScratch, liveScratch].map(existsSync)).toEqual([
      false,
      true,
      false,
      true,
    ]);
  }, 60_000);
});
