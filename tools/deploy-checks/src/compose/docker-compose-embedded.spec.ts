import { serviceNames } from '@fanout/contracts';
import { repoPath } from '../support/repo-paths';
import { COMPOSE_FILE, composeSchemaErrors, environmentOf, type ComposeFile } from './compose-file';
import { mergeCompose, parseComposeOverride, readComposeFiles } from './compose-override';

const EMBEDDED_FILE = repoPath('docker-compose.embedded.yml');

/** The services `docker compose up` starts: those without a profile (none is passed). */
function startedServices(compose: ComposeFile) {
  return Object.entries(compose.services).filter(([, s]) => !s.profiles?.length);
}

describe('docker-compose.embedded.yml (docker compose -f docker-compose.yml -f docker-compose.embedded.yml)', () => {
  const compose = readComposeFiles([COMPOSE_FILE, EMBEDDED_FILE]);
  const kafka = compose.services['kafka'];

  it('validates against the Compose Specification schema once merged', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('makes the embedded broker the one service called kafka, with no other answering to the name', () => {
    expect(kafka?.build?.target).toBe('broker');
    expect(kafka?.image).toBe('fanout/broker:local');
    expect(environmentOf(kafka ?? {})).toEqual({
      BROKER_ADVERTISED_HOST: 'kafka',
      BROKER_DEFAULT_PARTITIONS: '6',
    });
    const aliased = Object.entries(compose.services).filter(([, s]) =>
      Object.values(s.networks ?? {}).some((network) => network?.aliases?.includes('kafka')),
    );
    expect(aliased).toEqual([]);
  });

  it("runs the broker image's own command, not the Apache Kafka start-up of docker-compose.yml", () => {
    expect(kafka?.entrypoint).toBeUndefined();
    expect(kafka?.command).toBeUndefined();
  });

  it('gives no service nor the console Kafka credentials, as the broker takes none (documented as unauthenticated)', () => {
    const broker = environmentOf(kafka ?? {});
    expect(broker['BROKER_LISTENER_SECURITY_PROTOCOL'] ?? 'PLAINTEXT').toBe('PLAINTEXT');
    for (const name of [...serviceNames, 'console']) {
      const given = Object.keys(environmentOf(compose.services[name] ?? {}));
      expect({ name, sasl: given.filter((v) => v.startsWith('KAFKA_SASL_')) }).toEqual({
        name,
        sasl: [],
      });
    }
  });

  it('pulls no Apache Kafka image', () => {
    const pulled = startedServices(compose).map(([, s]) => s.image ?? '');
    expect(pulled.filter((image) => image.startsWith('apache/kafka'))).toEqual([]);
  });

  it("publishes no host port for the broker (it advertises kafka:9092, which only compose's network resolves)", () => {
    expect(kafka?.ports ?? []).toEqual([]);
  });

  it("drops Apache Kafka's healthcheck and settings, and keeps its data apart from Kafka's volume", () => {
    expect(kafka?.healthcheck).toBeUndefined();
    expect(kafka?.volumes).toEqual(['broker-data:/data']);
    expect(compose.volumes).toHaveProperty('broker-data');
  });

  it('starts every service after PostgreSQL and the broker are healthy, waiting on nothing disabled', () => {
    const started = new Set(startedServices(compose).map(([name]) => name));
    for (const name of serviceNames) {
      expect(compose.services[name]?.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        kafka: { condition: 'service_healthy' },
      });
    }
    const waitsOnDisabled = startedServices(compose).flatMap(([name, s]) =>
      Object.keys(s.depends_on ?? {})
        .filter((dependency) => !started.has(dependency))
        .map((dependency) => `${name} -> ${dependency}`),
    );
    expect(waitsOnDisabled).toEqual([]);
  });
});

describe('compose override merge', () => {
  const merge = (base: string, override: string) =>
    mergeCompose(parseComposeOverride(base, 'base'), parseComposeOverride(override, 'override'));

  it('merges mappings, replaces scalars and appends sequences, as Compose does', () => {
    expect(merge('a: {b: 1, c: [x]}', 'a: {b: 2, c: [y], d: 3}')).toEqual({
      a: { b: 2, c: ['x', 'y'], d: 3 },
    });
  });

  it('replaces a value whole with !override and removes it with !reset', () => {
    expect(merge('a: {b: 1, c: [x]}\ne: 1', 'a: !override {c: [y]}\ne: !reset null')).toEqual({
      a: { c: ['y'] },
    });
  });
});
