import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { interpolateDeep } from './compose-interpolation';

/** What the wiring test runs of one Compose service, after interpolation. */
export interface ComposeService {
  readonly name: string;
  readonly image?: string;
  readonly build?: { context: string; dockerfile: string; target?: string };
  /** Compose's `environment`, whichever form the file uses, as strings. */
  readonly environment: Readonly<Record<string, string>>;
  readonly entrypoint?: readonly string[];
  readonly command?: readonly string[];
  /** Mounts in either syntax; a bind mount's source resolved against the file's directory. */
  readonly volumes: readonly ComposeMount[];
  readonly profiles: readonly string[];
}

export interface ComposeMount {
  readonly type: 'bind' | 'volume' | 'other';
  /** A host path (bind) or a volume name. */
  readonly source: string;
  readonly target: string;
}

export interface ComposeDocument {
  /** The directory relative paths in the file resolve against. */
  readonly directory: string;
  readonly services: Readonly<Record<string, ComposeService>>;
}

/**
 * Reads a Compose file as `docker compose` does before it runs anything: YAML with anchors and
 * merge keys, every string interpolated from `env` (the shell's variables), the environment in
 * either form (map or `NAME=value` list; a bare `NAME` takes the shell's value). Whatever the
 * services carry beyond that is kept in `environment` as is.
 */
export function readComposeDocument(
  file: string,
  env: Readonly<Record<string, string | undefined>> = {},
): ComposeDocument {
  return parseComposeDocument(readFileSync(file, 'utf8'), path.dirname(file), env);
}

export function parseComposeDocument(
  text: string,
  directory: string,
  env: Readonly<Record<string, string | undefined>> = {},
): ComposeDocument {
  const raw = interpolateDeep(parse(text, { merge: true }) as unknown, env);
  if (!isRecord(raw) || !isRecord(raw['services'])) {
    throw new Error('not a Compose file: no `services` mapping');
  }
  const services = Object.fromEntries(
    Object.entries(raw['services']).map(([name, spec]) => {
      if (!isRecord(spec)) throw new Error(`service ${name}: not a mapping`);
      return [name, readService(name, spec, directory, env)];
    }),
  );
  return { directory, services };
}

function readService(
  name: string,
  spec: Record<string, unknown>,
  directory: string,
  env: Readonly<Record<string, string | undefined>>,
): ComposeService {
  const build = spec['build'];
  return {
    name,
    image: typeof spec['image'] === 'string' ? spec['image'] : undefined,
    build:
      typeof build === 'string'
        ? { context: path.resolve(directory, build), dockerfile: 'Dockerfile' }
        : isRecord(build)
          ? {
              context: path.resolve(directory, String(build['context'] ?? '.')),
              dockerfile: String(build['dockerfile'] ?? 'Dockerfile'),
              target: typeof build['target'] === 'string' ? build['target'] : undefined,
            }
          : undefined,
    environment: environmentOf(name, spec['environment'], env),
    entrypoint: commandOf(spec['entrypoint']),
    command: commandOf(spec['command']),
    volumes: (Array.isArray(spec['volumes']) ? spec['volumes'] : []).map((mount: unknown) =>
      mountOf(name, mount, directory),
    ),
    profiles: Array.isArray(spec['profiles']) ? spec['profiles'].map(String) : [],
  };
}

/** `source:target[:mode]`, or the long syntax's `type`, `source` and `target`. */
function mountOf(service: string, mount: unknown, directory: string): ComposeMount {
  if (typeof mount === 'string') {
    const [source = '', target = ''] = mount.split(':');
    const isPath = source.startsWith('.') || source.startsWith('/');
    return isPath
      ? { type: 'bind', source: path.resolve(directory, source), target }
      : { type: 'volume', source, target };
  }
  if (!isRecord(mount))
    throw new Error(`service ${service}: a volume is neither a string nor a mapping`);
  const type = mount['type'] === 'bind' || mount['type'] === 'volume' ? mount['type'] : 'other';
  const source = String(mount['source'] ?? '');
  return {
    type,
    source: type === 'bind' ? path.resolve(directory, source) : source,
    target: String(mount['target'] ?? ''),
  };
}

function environmentOf(
  service: string,
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  if (value === undefined || value === null) return {};
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item) => {
        const text = String(item);
        const equals = text.indexOf('=');
        return equals < 0 ? [text, null] : [text.slice(0, equals), text.slice(equals + 1)];
      })
    : isRecord(value)
      ? Object.entries(value)
      : [];
  if (!Array.isArray(value) && !isRecord(value)) {
    throw new Error(`service ${service}: environment is neither a mapping nor a list`);
  }
  // A variable without a value is passed from the shell, or not at all when the shell lacks it.
  return Object.fromEntries(
    entries.flatMap(([name, item]) => {
      if (item === null || item === undefined) {
        const fromShell = env[name];
        return fromShell === undefined ? [] : [[name, fromShell]];
      }
      return [[name, String(item)]];
    }),
  );
}

/** `command`/`entrypoint`: a list stays as it is; a string is split as a shell would, roughly. */
function commandOf(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value).split(/\s+/).filter(Boolean);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
