import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { pinnedKafkaVersion, REPO_ROOT } from './kafka-paths';

// One Apache Kafka version everywhere: the jars `npm run kafka` runs (tools/kafka/pom.xml), the
// images docker compose runs, and the version the Strimzi operator runs on Kubernetes.

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every apache/kafka image tag in docker-compose.yml. */
function composeKafkaVersions(): string[] {
  const compose = parse(readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8')) as {
    services: Record<string, { image?: string }>;
  };
  return Object.values(compose.services)
    .map((service) => /^apache\/kafka:(.+)$/.exec(service.image ?? '')?.[1])
    .filter((version): version is string => version !== undefined);
}

/** spec.kafka.version of every Strimzi Kafka resource under k8s/, with its file. */
function strimziKafkaVersions(): { file: string; version: unknown }[] {
  return yamlFilesUnder(path.join(REPO_ROOT, 'k8s')).flatMap((file) =>
    parseAllDocuments(readFileSync(file, 'utf8'))
      .map((document) => document.toJS() as Record<string, unknown> | null)
      .filter(
        (resource) =>
          resource?.kind === 'Kafka' && String(resource.apiVersion).startsWith('kafka.strimzi.io/'),
      )
      .map((resource) => ({
        file: path.relative(REPO_ROOT, file),
        version: (resource?.spec as { kafka?: { version?: unknown } } | undefined)?.kafka?.version,
      })),
  );
}

describe('the Apache Kafka version pin', () => {
  const pinned = pinnedKafkaVersion();

  it('is a plain release version in tools/kafka/pom.xml', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("is docker-compose.yml's apache/kafka image tag, for every service using it", () => {
    const versions = composeKafkaVersions();
    expect(versions.length).toBeGreaterThan(0);
    expect(versions).toEqual(versions.map(() => pinned));
  });

  it("is the Strimzi Kafka resources' spec.kafka.version under k8s/", () => {
    const resources = strimziKafkaVersions();
    expect(resources.length).toBeGreaterThan(0);
    expect(resources).toEqual(resources.map(({ file }) => ({ file, version: pinned })));
  });

  it('reads the version from the <kafka.version> property', () => {
    expect(pinnedKafkaVersion('<properties><kafka.version> 9.8.7 </kafka.version>')).toBe('9.8.7');
    expect(() => pinnedKafkaVersion('<project/>')).toThrow('no <kafka.version>');
  });
});
