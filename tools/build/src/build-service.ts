import { transformFile, type Options } from '@swc/core';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

export interface BuildResult {
  entry: string;
  files: number;
}

/**
 * Compiles one service to JavaScript in dist/apps/<service>/: its main.ts and every module it
 * reaches, libraries included (found by following the compiled requires, so specs and test
 * helpers stay out unless production code imports them). The tree under dist/apps/<service>/
 * mirrors the repository, so the relative paths SWC writes for the @fanout/* aliases hold, and
 * dist/apps/<service>/main.js starts it: `node dist/apps/<service>/main.js`.
 */
export async function buildService(
  repoRoot: string,
  service: string,
  outDir = path.join(repoRoot, 'dist', 'apps', service),
): Promise<BuildResult> {
  const source = path.join(repoRoot, 'apps', service, 'src', 'main.ts');
  if (!existsSync(source)) {
    throw new Error(`no service "${service}": ${path.relative(repoRoot, source)} does not exist`);
  }
  await rm(outDir, { recursive: true, force: true });
  const files = await compileEntries(repoRoot, [source], outDir);
  const entry = path.join(outDir, 'main.js');
  const main = path.relative(repoRoot, source).replace(/\.ts$/, '');
  await writeFile(entry, `'use strict';\nrequire('./${main.split(path.sep).join('/')}');\n`);
  return { entry: path.relative(repoRoot, entry), files };
}

/**
 * Compiles TypeScript entry files (absolute paths inside the repository) and every module they
 * reach to `outDir`, which mirrors the repository: `<repo>/a/b.ts` becomes `<outDir>/a/b.js`.
 * `outDir` must be inside the repository, so that the compiled code finds node_modules. Returns
 * how many modules it compiled.
 */
export async function compileEntries(
  repoRoot: string,
  entries: readonly string[],
  outDir: string,
): Promise<number> {
  const aliases = pathAliases(repoRoot);
  const pending = [...entries];
  const done = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (done.has(file)) {
      continue;
    }
    done.add(file);
    const { code } = await transformFile(file, SWC_OPTIONS);
    const linked = code.replace(/require\("([^"]+)"\)/g, (call, specifier: string) => {
      const required = resolveSource(specifier, path.dirname(file), aliases);
      if (!required) {
        return call; // a package from node_modules or a Node built-in
      }
      pending.push(required);
      const relative = path.relative(path.dirname(file), required).replace(/\.ts$/, '');
      return `require("${relative.startsWith('.') ? relative : `./${relative}`}")`;
    });
    const target = path.join(outDir, path.relative(repoRoot, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, linked);
  }
  return done.size;
}

/** The compiler settings of jest.preset.js (legacy decorators with their metadata, for NestJS). */
const SWC_OPTIONS: Options = {
  swcrc: false,
  configFile: false,
  sourceMaps: false,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};

/** tsconfig.base.json's `@fanout/*` aliases, each to the absolute path of its entry file. */
function pathAliases(repoRoot: string): Map<string, string> {
  const { paths } = (
    require(path.join(repoRoot, 'tsconfig.base.json')) as {
      compilerOptions: { paths: Record<string, string[]> };
    }
  ).compilerOptions;
  return new Map(
    Object.entries(paths).map(([alias, [target]]) => [alias, path.resolve(repoRoot, target)]),
  );
}

/**
 * The TypeScript source a require names, when it is one of ours (a relative path or an alias);
 * only .ts files count, so stray compiled .js files beside the sources are never picked up.
 */
function resolveSource(
  specifier: string,
  fromDir: string,
  aliases: Map<string, string>,
): string | undefined {
  const aliased = aliases.get(specifier);
  if (aliased) {
    return aliased;
  }
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = path.resolve(fromDir, specifier);
  const file = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) =>
    existsSync(candidate),
  );
  if (!file) {
    throw new Error(`cannot find the TypeScript source of require("${specifier}") in ${fromDir}`);
  }
  return file;
}
