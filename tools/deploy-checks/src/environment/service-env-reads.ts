import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serviceNames, type ServiceName } from '@fanout/contracts';
import { repoPath } from '../support/repo-paths';

/**
 * The libraries a service process may load: those tagged `scope:shared` (the module-boundary rule
 * lets services import only those), read from each library's project.json, so a new shared
 * library (libs/auth, say) is covered without editing a list here.
 */
function serviceLibs(): string[] {
  return readdirSync(repoPath('libs')).filter((lib) => {
    try {
      const project = JSON.parse(readFileSync(repoPath('libs', lib, 'project.json'), 'utf8')) as {
        tags?: string[];
      };
      return project.tags?.includes('scope:shared') ?? false;
    } catch {
      return false;
    }
  });
}

/** `process.env.NAME`, `process.env['NAME']`, `env['NAME']` (an injected ProcessEnv). */
const LITERAL_READ = /\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\])/g;
/** `set(env, 'NAME')`: a helper given the environment and a name (libs/messaging's kafka-security). */
const HELPER_READ = /\(\s*env\s*,\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\)/g;
/** `const KEY_VARIABLES = ['AUTH_JWKS_URL', ...]`: names read through a list (`env[name]`). */
const VARIABLE_LIST = /\bconst\s+[A-Z_]*VARIABLES\s*=\s*\[([^\]]*)\]/g;
/** `env[`${service.toUpperCase()}_DATABASE_URL`]`: one name per service. */
const PER_SERVICE_READ = /\benv\[\s*`\$\{\s*\w+\.toUpperCase\(\)\s*\}(_[A-Z0-9_]+)`\s*\]/g;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Names of the environment variables `text` reads; `<SERVICE>` stands for the service's name. */
export function envReadsIn(text: string): string[] {
  const names = new Set<string>();
  for (const [, dotted, bracketed] of text.matchAll(LITERAL_READ)) {
    const name = dotted ?? bracketed;
    if (name) names.add(name);
  }
  for (const [, name] of text.matchAll(HELPER_READ)) if (name) names.add(name);
  for (const match of text.matchAll(PER_SERVICE_READ)) names.add(`<SERVICE>${match[1]}`);
  for (const [, list = ''] of text.matchAll(VARIABLE_LIST)) {
    for (const [, name] of list.matchAll(/['"]([A-Z][A-Z0-9_]*)['"]/g)) if (name) names.add(name);
  }
  return [...names];
}

/** Every environment variable the process of `service` can read, found in its source. */
export function envReadsOfService(service: ServiceName): Set<string> {
  const files = [
    ...sourceFiles(repoPath('apps', service, 'src')),
    ...serviceLibs().flatMap((lib) => sourceFiles(repoPath('libs', lib, 'src'))),
  ];
  const names = files.flatMap((file) => envReadsIn(readFileSync(file, 'utf8')));
  return new Set(names.map((name) => name.replace('<SERVICE>', service.toUpperCase())));
}

/**
 * Every environment variable the console (apps/console) can read: its source and the shared
 * libraries, `<SERVICE>` standing for each service it calls (ORDERS_URL, ...).
 */
export function envReadsOfConsole(): Set<string> {
  const files = [
    ...sourceFiles(repoPath('apps', 'console', 'src')),
    ...serviceLibs().flatMap((lib) => sourceFiles(repoPath('libs', lib, 'src'))),
  ];
  const names = files.flatMap((file) => envReadsIn(readFileSync(file, 'utf8')));
  return new Set(
    names.flatMap((name) =>
      name.includes('<SERVICE>')
        ? serviceNames.map((service) => name.replace('<SERVICE>', service.toUpperCase()))
        : [name],
    ),
  );
}

/** Environment variables the embedded broker's CLI reads (its option table names them). */
export function envReadsOfBroker(): Set<string> {
  const config = readFileSync(repoPath('libs/broker/src/config.ts'), 'utf8');
  return new Set(
    [...config.matchAll(/env: '([A-Z][A-Z0-9_]*)'/g)].flatMap((m) => (m[1] ? [m[1]] : [])),
  );
}
