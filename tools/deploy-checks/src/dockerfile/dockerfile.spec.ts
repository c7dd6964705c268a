import { existsSync, readFileSync } from 'node:fs';
import { serviceNames } from '@fanout/contracts';
import { defined } from '../support/defined';
import { repoPath } from '../support/repo-paths';
import {
  baseImageOf,
  effectiveInstruction,
  parseDockerfile,
  readDockerfile,
  stageChain,
} from './dockerfile';

/**
 * hadolint is not packaged for Debian and nothing else may be downloaded, so the rules that matter
 * for this Dockerfile are checked here instead.
 */
describe('Dockerfile', () => {
  const dockerfile = readDockerfile(repoPath('Dockerfile'));
  const targets = [...serviceNames, 'broker'];

  it('is multi-stage: dependencies are installed in a stage of their own', () => {
    expect(dockerfile.stages.length).toBeGreaterThan(2);
    const copiesModules = dockerfile.stages.flatMap((s) =>
      s.instructions.filter(
        (i) => i.keyword === 'COPY' && /--from=\S+ .*node_modules/.test(i.args),
      ),
    );
    expect(copiesModules.length).toBeGreaterThan(0);
  });

  it('pins every base image to an exact version (no latest, no floating major)', () => {
    const external = dockerfile.stages
      .map((stage) => stage.base)
      .filter((base) => !dockerfile.stages.some((stage) => stage.name === base));
    expect(external.length).toBeGreaterThan(0);
    for (const image of external) expect(image).toMatch(/^[\w./-]+:\d+\.\d+\.\d+[\w.-]*$/);
  });

  it('installs from the lock file, and dev dependencies only where just dist/ is taken on', () => {
    const installs = dockerfile.stages.flatMap((stage) =>
      stage.instructions
        .filter((i) => i.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(i.args))
        .map((install) => ({ stage: stage.name, args: install.args })),
    );
    expect(installs.length).toBeGreaterThan(0);
    for (const { args } of installs) expect(args).toMatch(/\bnpm ci\b/);
    const copiesFrom = (stage: string | undefined) =>
      dockerfile.stages
        .flatMap((s) => s.instructions)
        .filter((i) => i.keyword === 'COPY' && i.args.includes(`--from=${stage}`))
        .map((i) => i.args.split(/\s+/).filter((arg) => !arg.startsWith('--'))[0]);
    const buildStages = installs.filter(({ args }) => !/--omit=dev/.test(args));
    for (const { stage } of buildStages) {
      // A compiler stage: the images take its compiled output, never its node_modules; the
      // console's page (served as written, no front-end build) is the one source taken as is.
      expect(copiesFrom(stage).length).toBeGreaterThan(0);
      for (const source of copiesFrom(stage)) {
        expect(source).toMatch(/^\/app\/dist\/|^\/app\/apps\/console\/src\/public$/);
      }
    }
    expect(installs.some(({ args }) => /--omit=dev/.test(args))).toBe(true);
  });

  it.each(targets)('%s: runs as a non-root user', (target) => {
    const user = effectiveInstruction(dockerfile, target, 'USER');
    expect(user).toBeDefined();
    expect(user?.args).not.toMatch(/^(root|0)(:|$)/);
  });

  it.each(targets)('%s: has a HEALTHCHECK', (target) => {
    expect(effectiveInstruction(dockerfile, target, 'HEALTHCHECK')?.args).toMatch(/^(--\S+ )*CMD /);
  });

  it.each([...serviceNames])(
    '%s: starts its own compiled main.js in exec form (no TypeScript loader), so signals reach node',
    (name) => {
      const cmd = effectiveInstruction(dockerfile, name, 'CMD');
      const argv = JSON.parse(defined(cmd, 'CMD').args) as string[];
      expect(argv).toEqual(['node', `dist/apps/${name}/main.js`]);
      const copied = stageChain(dockerfile, name)
        .flatMap((stage) => stage.instructions)
        .filter((i) => i.keyword === 'COPY' && i.args.includes('--from='))
        .map((i) => i.args);
      expect(copied).toContainEqual(
        expect.stringMatching(new RegExp(` /app/dist/apps/${name} \\./dist/apps/${name}$`)),
      );
      expect(existsSync(repoPath(`apps/${name}/src/main.ts`))).toBe(true);
    },
  );

  it.each([...serviceNames])(
    '%s: listens on every interface of its container (the services default to 127.0.0.1)',
    (name) => {
      // docker-compose.yml and the Kubernetes Deployments rely on the image for this.
      const env = stageChain(dockerfile, name)
        .flatMap((stage) => stage.instructions)
        .filter((i) => i.keyword === 'ENV')
        .flatMap((i) => [...i.args.matchAll(/\bHOST=(\S+)/g)].map((m) => m[1]));
      expect(env.at(-1)).toBe('0.0.0.0');
    },
  );

  it('starts the embedded broker from its compiled CLI, as `npm run broker` does', () => {
    const cmd = defined(effectiveInstruction(dockerfile, 'broker', 'CMD'), 'CMD');
    const argv = JSON.parse(cmd.args) as string[];
    const packageJson = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(argv.join(' ')).toBe(packageJson.scripts['broker']);
    const copied = stageChain(dockerfile, 'broker')
      .flatMap((stage) => stage.instructions)
      .filter((i) => i.keyword === 'COPY' && i.args.includes('--from='));
    expect(copied.map((i) => i.args)).toContainEqual(
      expect.stringMatching(/ \/app\/dist\/libs\/broker \.\/dist\/libs\/broker$/),
    );
    expect(existsSync(repoPath('libs/broker/src/cli/main.ts'))).toBe(true);
  });

  it.each(targets)('%s: all stages share one pinned base image', (target) => {
    expect(baseImageOf(dockerfile, target)).toBe(dockerfile.stages[0]?.base);
    expect(stageChain(dockerfile, target).length).toBeGreaterThan(1);
  });

  it('copies only files that exist and that .dockerignore does not exclude', () => {
    const ignored = readFileSync(repoPath('.dockerignore'), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const sources = dockerfile.stages
      .flatMap((s) =>
        s.instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from')),
      )
      .flatMap((i) =>
        i.args
          .split(/\s+/)
          .filter((arg) => !arg.startsWith('--'))
          .slice(0, -1),
      );
    expect(sources).toEqual(expect.arrayContaining(['package-lock.json', 'apps', 'libs']));
    for (const source of sources) {
      expect({ source, exists: existsSync(repoPath(source)) }).toEqual({ source, exists: true });
      expect(ignored).not.toContain(source);
    }
  });
});

describe('parseDockerfile', () => {
  it('joins continuation lines, skips comments and substitutes global ARGs in FROM', () => {
    const parsed = parseDockerfile(
      [
        'ARG BASE=node:20.1.0',
        'FROM ${BASE} AS one',
        '# note',
        'RUN a \\',
        '  && b',
        'FROM one AS two',
        'USER 1000',
      ].join('\n'),
    );
    expect(parsed.stages.map((s) => [s.name, s.base])).toEqual([
      ['one', 'node:20.1.0'],
      ['two', 'one'],
    ]);
    expect(parsed.stages[0]?.instructions).toEqual([{ keyword: 'RUN', args: 'a && b', line: 4 }]);
    expect(effectiveInstruction(parsed, 'two', 'RUN')?.args).toBe('a && b');
  });
});
