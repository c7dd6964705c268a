import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { serviceNames } from '@fanout/contracts';
import { repoPath } from '../support/repo-paths';

/**
 * The images install production dependencies only (`npm ci --omit=dev`), so a package that a
 * container's code loads but that sits in devDependencies would crash it at start-up, and nothing
 * else here would notice. Follows the imports from each entry point, as node will.
 */

/** Value imports and re-exports; `import type` / `export type` vanish when compiled. */
const IMPORT =
  /(?:^|;|\n)\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|\b(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

const ENTRY_POINTS = [
  ...serviceNames.map((name) => `apps/${name}/src/main.ts`),
  'libs/broker/src/cli/main.ts',
];

function resolveSource(from: string, specifier: string): string | undefined {
  const alias = /^@fanout\/([\w-]+)$/.exec(specifier);
  const base = alias
    ? repoPath('libs', alias[1] ?? '', 'src/index')
    : join(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
}

function packageOf(specifier: string): string | undefined {
  const [first = '', second] = specifier.split('/');
  const name = first.startsWith('@') ? `${first}/${second}` : first;
  return specifier.startsWith('node:') || builtinModules.includes(name) ? undefined : name;
}

/** Every npm package reachable from `entry`, with the first file that imports it. */
function packagesReachedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const visited = new Set<string>();
  const pending = [repoPath(entry)];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (visited.has(file)) continue;
    visited.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.') || specifier.startsWith('@fanout/')) {
        const source = resolveSource(file, specifier);
        if (!source) throw new Error(`${file}: cannot resolve ${specifier}`);
        pending.push(source);
      } else {
        const name = packageOf(specifier);
        if (name && !packages.has(name)) packages.set(name, file.replace(repoPath(), ''));
      }
    }
  }
  return packages;
}

describe('the packages each container loads', () => {
  const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };

  it.each(ENTRY_POINTS)('%s: only production dependencies', (entry) => {
    const packages = packagesReachedFrom(entry);
    expect(packages.size).toBeGreaterThan(0);
    const devOnly = [...packages]
      .filter(([name]) => !(name in manifest.dependencies))
      .map(([name, file]) => `${name} (imported by ${file})`);
    expect(devOnly).toEqual([]);
  });

  it('follows imports through the libraries (the scan works)', () => {
    const packages = packagesReachedFrom('apps/payments/src/main.ts');
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['@nestjs/core', 'kafkajs', 'pg']));
  });

  it('include the TypeScript loader the containers start with', () => {
    expect(manifest.dependencies).toHaveProperty('@swc-node/register');
    expect(manifest.dependencies).toHaveProperty('@swc/core');
  });
});
