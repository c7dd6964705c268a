import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { buildService } from './build-service';

const repoRoot = path.resolve(__dirname, '../../..');

/** Every .js file under `dir`, as absolute paths. */
async function compiledFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('buildService', () => {
  let outDir: string;
  let files: string[];

  beforeAll(async () => {
    // Inside the repository (tmp/ is ignored by git), so the compiled code finds node_modules.
    await mkdir(path.join(repoRoot, 'tmp'), { recursive: true });
    outDir = await mkdtemp(path.join(repoRoot, 'tmp', 'build-spec-'));
    const result = await buildService(repoRoot, 'orders', outDir);
    expect(result.files).toBeGreaterThan(10);
    files = await compiledFiles(outDir);
  }, 60_000);

  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes an entry point that requires the compiled main.ts', async () => {
    const entry = await readFile(path.join(outDir, 'main.js'), 'utf8');
    expect(entry).toContain("require('./apps/orders/src/main')");
    expect(existsSync(path.join(outDir, 'apps/orders/src/main.js'))).toBe(true);
  });

  it('leaves no @fanout/* alias behind and every relative require points at a compiled file', async () => {
    for (const file of files) {
      const code = await readFile(file, 'utf8');
      expect({ file, alias: /require\("@fanout\//.test(code) }).toEqual({ file, alias: false });
      for (const [, specifier] of code.matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) {
        const target = path.resolve(path.dirname(file), specifier);
        const found = existsSync(`${target}.js`) || existsSync(path.join(target, 'index.js'));
        expect({ file, specifier, found }).toEqual({ file, specifier, found: true });
      }
    }
  });

  it('compiles no spec, and the libraries the service imports come along', () => {
    const relative = files.map((file) => path.relative(outDir, file));
    expect(relative.filter((file) => file.endsWith('.spec.js'))).toEqual([]);
    expect(relative).toContain('libs/messaging/src/index.js');
    expect(relative).toContain('libs/contracts/src/index.js');
  });

  it('keeps the decorator metadata NestJS injects constructor arguments from', () => {
    const controllers = files.filter((file) => file.endsWith('.controller.js'));
    expect(controllers.length).toBeGreaterThan(0);
    let injected = 0;
    for (const file of controllers) {
      for (const exported of Object.values(require(file) as Record<string, unknown>)) {
        if (typeof exported === 'function' && exported.length > 0) {
          const paramTypes = Reflect.getMetadata('design:paramtypes', exported) as unknown[];
          expect(paramTypes).toHaveLength(exported.length);
          injected++;
        }
      }
    }
    expect(injected).toBeGreaterThan(0);
  });

  it('refuses a service that does not exist, saying which', async () => {
    await expect(buildService(repoRoot, 'shipping', outDir)).rejects.toThrow(
      'no service "shipping": apps/shipping/src/main.ts does not exist',
    );
  });
});
