import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { eventDefinitionsOnTopic } from '@fanout/contracts';
import { consumerServiceGenerator, portsDeclaredIn } from './consumer-service';
import { grantsRow } from './workspace-entries';

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const run = promisify(execFile);

/** The files the generator edits, as they are in the repository. */
const REGISTRIES = [
  'libs/contracts/src/services.ts',
  'eslint.config.mjs',
  'tools/launcher/src/service-catalog.ts',
  'docs/security.md',
  'docker-compose.yml',
  'docker-compose.embedded.yml',
  'docker/postgres/create-service-databases.sql',
  'Dockerfile',
  'k8s/base/kustomization.yaml',
  'k8s/base/kafka/users.yaml',
  'k8s/base/postgres/init-scripts.yaml',
  'k8s/overlays/local/kustomization.yaml',
  ...readdirSync(path.join(REPO_ROOT, 'k8s/base/notifications')).map(
    (file) => `k8s/base/notifications/${file}`,
  ),
];

describe('consumer-service generator, in a tree', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace();
    for (const file of REGISTRIES) {
      tree.write(file, readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    }
  });

  const generate = (options: { name: string; topics: string; port?: number }) =>
    consumerServiceGenerator(tree, { ...options, skipFormat: true });
  const read = (file: string) => tree.read(file, 'utf-8') ?? '';

  it('writes the app on the template, with a typed handler for every event of each topic', async () => {
    await generate({ name: 'audit', topics: 'orders,payments' });

    for (const file of [
      'project.json',
      'jest.config.js',
      'src/main.ts',
      'src/app.module.ts',
      'src/audit-schema.ts',
      'src/audit.e2e-spec.ts',
      'src/audit/audit.module.ts',
      'src/audit/audit.service.ts',
      'src/audit/audit.service.spec.ts',
      'src/audit/received-event.entity.ts',
    ]) {
      expect(tree.exists(`apps/audit/${file}`)).toBe(true);
    }
    expect(JSON.parse(read('apps/audit/project.json'))).toMatchObject({
      name: 'audit',
      tags: ['scope:audit', 'type:app'],
    });
    expect(Object.keys(JSON.parse(read('apps/audit/project.json')).targets)).toEqual(
      Object.keys(
        JSON.parse(readFileSync(path.join(REPO_ROOT, 'apps/notifications/project.json'), 'utf8'))
          .targets,
      ),
    );
    expect(read('apps/audit/src/app.module.ts')).toContain('AppModule');
    expect(tree.children('apps/audit/src/migrations')).toEqual([
      expect.stringMatching(/^\d{13}-create-audit\.ts$/),
    ]);
    for (const topic of ['orders', 'payments'] as const) {
      const controller = read(`apps/audit/src/audit/${topic}-events.controller.ts`);
      for (const { type } of eventDefinitionsOnTopic(topic)) {
        expect(controller).toContain(`event: EventOfType<'${type}'>`);
      }
    }
    expect(tree.exists('apps/audit/src/audit/inventory-events.controller.ts')).toBe(false);
  });

  it('declares it once in the contracts, with the next free port and the topics it reads', async () => {
    const ports = portsDeclaredIn(read('libs/contracts/src/services.ts'));
    await generate({ name: 'audit', topics: 'payments, orders' });

    expect(read('libs/contracts/src/services.ts')).toContain(
      `  audit: { port: ${Math.max(...ports) + 1}, readsTopics: ['payments', 'orders'] },\n} as const`,
    );
  });

  it('gives it its entries where the deployments list services', async () => {
    await generate({ name: 'audit', topics: 'orders,payments', port: 3099 });

    const compose = read('docker-compose.yml');
    expect(compose).toContain("--add-scram 'SCRAM-SHA-512=[name=audit,");
    expect(compose).toContain('acl audit Read --topic orders --topic payments --group audit');
    expect(compose).toContain('AUDIT_DATABASE_URL: postgres://');
    expect(read('docker-compose.embedded.yml')).toMatch(/^ {2}audit:\n/m);
    expect(read('docker/postgres/create-service-databases.sql')).toContain(
      'CREATE DATABASE audit;',
    );
    expect(read('Dockerfile')).toContain('FROM runtime AS audit\nENV PORT=3099');
    expect(read('k8s/base/kustomization.yaml')).toMatch(/^ {2}- audit$/m);
    expect(read('k8s/base/audit/deployment.yaml')).toContain('containerPort: 3099');
    expect(read('k8s/base/audit/deployment.yaml')).not.toContain('notifications');
    expect(read('k8s/base/kafka/users.yaml')).toMatch(/name: audit\n/);
    expect(read('k8s/overlays/local/kustomization.yaml')).toContain('- name: fanout/audit');
    expect(read('docs/security.md')).toContain(grantsRow('audit', ['orders', 'payments']));
  });

  it.each([
    [{ name: 'fraud-detection', topics: 'orders' }, /one lowercase word/],
    [{ name: 'audit', topics: 'orders,ledger' }, /unknown topic\(s\) ledger/],
    [{ name: 'audit', topics: ' , ' }, /at least one topic/],
    [{ name: 'audit', topics: 'orders', port: 3000 }, /port 3000 is taken/],
    [{ name: 'notifications', topics: 'orders' }, /declares notifications already/],
  ])('refuses %o', async (options, message) => {
    await expect(generate(options)).rejects.toThrow(message);
  });
});

/**
 * The generator as a learner runs it, `npx nx g @fanout/workspace:consumer-service`, in a copy of
 * this workspace (its files as git sees them, node_modules linked): the new service must pass lint,
 * type-check and its own tests, whose end-to-end test publishes an event on each topic to the
 * embedded broker and finds it received; the deploy checks and the contracts' own specs must
 * still hold with the entries it added.
 */
describe('consumer-service generator, in a scratch copy of the workspace', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'fanout-generator-'));
    const files = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    )
      .split('\0')
      .filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
    for (const file of files) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      copyFileSync(path.join(REPO_ROOT, file), path.join(scratch, file));
    }
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
    await inScratch('npx', [
      'nx',
      'g',
      '@fanout/workspace:consumer-service',
      'audit',
      '--topics',
      'orders,payments',
    ]);
  }, 120_000);

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** A command in the copy, with none of the Nx task variables of a run that started this test. */
  function inScratch(command: string, args: readonly string[]) {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith('NX_')),
    );
    return (
      run(command, args, {
        cwd: scratch,
        env: { ...env, NX_DAEMON: 'false', NODE_OPTIONS: '--experimental-vm-modules' },
        maxBuffer: 16 * 1024 * 1024,
      })
        // CI forces colours; the escape codes would sit inside the text the tests match.
        .then(({ stdout, stderr }) => ({
          stdout: stripVTControlCharacters(stdout),
          stderr: stripVTControlCharacters(stderr),
        }))
        .catch((error: { stdout?: string; stderr?: string; message: string }) => {
          throw new Error(
            `${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`,
          );
        })
    );
  }

  it('passes lint and type-check', async () => {
    await inScratch('npx', ['eslint', 'apps/audit', '--max-warnings', '0']);
    writeFileSync(
      path.join(scratch, 'tsconfig.audit.json'),
      JSON.stringify({
        extends: './tsconfig.base.json',
        compilerOptions: { noEmit: true },
        include: ['apps/audit/**/*.ts', 'tools/launcher/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
      }),
    );
    await inScratch('npx', ['tsc', '-p', 'tsconfig.audit.json']);
  }, 180_000);

  it('passes its unit test and receives events on the embedded broker', async () => {
    const { stderr } = await inScratch('npx', ['jest', '--selectProjects', 'audit']);
    expect(stderr).toMatch(/PASS\s+audit\s+apps\/audit\/src\/audit\.e2e-spec\.ts/);
    expect(stderr).toMatch(/PASS\s+audit\s+apps\/audit\/src\/audit\/audit\.service\.spec\.ts/);
  }, 180_000);

  it('keeps the deploy checks and the event catalogue true', async () => {
    const { stderr } = await inScratch('npx', [
      'jest',
      '--selectProjects',
      'deploy-checks',
      'contracts',
    ]);
    expect(stderr).toMatch(/Tests: +\d+ passed, \d+ total/);
    expect(readFileSync(path.join(scratch, 'docs/events.md'), 'utf8')).toMatch(
      /## OrderCreated v1\n[\s\S]*?- Consumers: [^\n]*\baudit\n/,
    );
  }, 180_000);
});
