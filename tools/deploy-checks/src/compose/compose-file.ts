import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { readYamlFile } from '../support/yaml-documents';
import { repoPath, SCHEMAS_DIR } from '../support/repo-paths';

/** The parts of a Compose service the checks read (the schema checks the rest). */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; target?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  container_name?: string;
  ports?: (string | number | { target: number; published?: string | number })[];
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test: string | string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  profiles?: string[];
  mem_limit?: string | number;
  logging?: { driver?: string; options?: Record<string, string> };
  restart?: string;
  networks?: Record<string, { aliases?: string[] } | null>;
  volumes?: (string | { type?: string; source?: string; target: string })[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, object | null>;
}

/** The named volume mounted at `target` in a service (short "name:/path[:ro]" syntax), if any. */
export function namedVolumeAt(
  compose: ComposeFile,
  service: ComposeService,
  target: string,
): string | undefined {
  for (const mount of service.volumes ?? []) {
    const [source, path] =
      typeof mount === 'string' ? mount.split(':') : [mount.source, mount.target];
    if (path === target && source && compose.volumes && source in compose.volumes) return source;
  }
  return undefined;
}

export const COMPOSE_FILE = repoPath('docker-compose.yml');

export function readComposeFile(): ComposeFile {
  return readYamlFile<ComposeFile>(COMPOSE_FILE);
}

/** Validates a parsed Compose file against the Compose Specification's JSON schema. */
export function composeSchemaErrors(compose: unknown): string[] {
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'compose-spec.json'), 'utf8'));
  // Its $schema URL is not the draft-07 meta-schema's canonical id, which Ajv knows built in.
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

/** Environment as Compose passes it: `${VAR:-default}` resolved to its default. */
export function environmentOf(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      String(value ?? '').replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
    ]),
  );
}

/** A port entry that fixes the host side (`"3000:3000"`, `{ published: 3000 }`). */
export function publishesFixedHostPort(
  port: NonNullable<ComposeService['ports']>[number],
): boolean {
  if (typeof port === 'number') return false;
  if (typeof port === 'object') return port.published !== undefined;
  return port.split(':').length > 1;
}
