import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deadLetterTopic, serviceNames, TOPIC_PARTITIONS, topicNames } from '@fanout/contracts';
import { readDockerfile, effectiveInstruction } from '../dockerfile/dockerfile';
import { defined } from '../support/defined';
import { REPO_ROOT, repoPath } from '../support/repo-paths';
import {
  composeSchemaErrors,
  environmentOf,
  namedVolumeAt,
  publishesFixedHostPort,
  readComposeFile,
  type ComposeService,
} from './compose-file';

/** Services that must scale with `docker compose up --scale <name>=N`. */
const SCALABLE = serviceNames.filter((name) => name !== 'orders');

describe('docker-compose.yml', () => {
  const compose = readComposeFile();
  const services = compose.services;
  const service = (name: string): ComposeService => {
    const found = services[name];
    if (!found) throw new Error(`no service ${name} in docker-compose.yml`);
    return found;
  };

  it("keeps Kafka's log and PostgreSQL's data in named volumes, so recreating a container loses neither", () => {
    const kafka = service('kafka');
    const logDirs = String(environmentOf(kafka)['KAFKA_LOG_DIRS'] ?? '');
    expect(logDirs).not.toBe('');
    expect(namedVolumeAt(compose, kafka, logDirs)).toBeDefined();
    expect(namedVolumeAt(compose, service('postgres'), '/var/lib/postgresql/data')).toBeDefined();
  });

  it("gives Kafka's healthcheck a small JVM of its own instead of the broker's heap", () => {
    const test = [service('kafka').healthcheck?.test ?? []].flat().join(' ');
    expect(test).toMatch(/KAFKA_HEAP_OPTS='-Xms\d+m -Xmx(\d+)m'/);
    expect(Number(/-Xmx(\d+)m/.exec(test)?.[1])).toBeLessThanOrEqual(128);
  });

  it('validates against the Compose Specification schema', () => {
    expect(composeSchemaErrors(compose)).toEqual([]);
  });

  it('the schema check can fail: a misspelt key is rejected', () => {
    const broken = structuredClone(compose) as { services: Record<string, object> };
    broken.services['orders'] = { ...broken.services['orders'], dependson: {} };
    expect(composeSchemaErrors(broken).join('\n')).toMatch(/additional properties/);
  });

  it('pins every image it pulls to a version', () => {
    const pulled = Object.entries(services).filter(([, s]) => s.image && !s.build);
    expect(pulled.length).toBeGreaterThan(0);
    for (const [name, s] of pulled) {
      expect({ name, image: s.image }).toEqual({
        name,
        image: expect.stringMatching(/^[\w./-]+:(?!latest$)[\w.-]+$/),
      });
    }
  });

  it('builds every image from a Dockerfile stage that exists, in a context that exists', () => {
    const built = Object.entries(services).filter(([, s]) => s.build);
    expect(built.map(([name]) => name)).toEqual(expect.arrayContaining([...serviceNames]));
    for (const [name, s] of built) {
      const build = defined(s.build, `${name}'s build`);
      const context = join(REPO_ROOT, build.context);
      const dockerfilePath = join(context, build.dockerfile ?? 'Dockerfile');
      expect({
        name,
        context: existsSync(context),
        dockerfile: existsSync(dockerfilePath),
      }).toEqual({
        name,
        context: true,
        dockerfile: true,
      });
      const stages = readDockerfile(dockerfilePath).stages.map((stage) => stage.name);
      expect(stages).toContain(build.target);
    }
  });

  it('runs each service from the image built for it, on the port it listens on', () => {
    for (const name of serviceNames) {
      const s = service(name);
      expect(s.build?.target).toBe(name);
      expect(s.image).toBe(`fanout/${name}:local`);
      const port = Number(environmentOf(s)['PORT']);
      expect(port).toBeGreaterThan(0);
      const exposed = effectiveInstruction(readDockerfile(repoPath('Dockerfile')), name, 'EXPOSE');
      expect(exposed?.args).toBe(String(port));
    }
  });

  it('waits only on services that report health, or that run once and exit', () => {
    const dockerfile = readDockerfile(repoPath('Dockerfile'));
    const problems = Object.entries(services).flatMap(([name, s]) =>
      Object.entries(s.depends_on ?? {}).flatMap(([dependency, { condition }]) => {
        const target = services[dependency];
        if (!target) return [`${name} depends on unknown service ${dependency}`];
        if (condition === 'service_healthy') {
          const ownCheck = target.healthcheck && !target.healthcheck.disable;
          const imageCheck =
            target.build?.target &&
            effectiveInstruction(dockerfile, target.build.target, 'HEALTHCHECK');
          return ownCheck || imageCheck
            ? []
            : [`${name} waits for ${dependency}, which has no healthcheck`];
        }
        if (condition === 'service_completed_successfully') {
          return target.restart === 'no'
            ? []
            : [`${name} waits for ${dependency} to exit, which restarts`];
        }
        return condition === 'service_started' ? [] : [`${name}: unknown condition ${condition}`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it('starts the services after PostgreSQL is healthy and the topics exist', () => {
    for (const name of serviceNames) {
      const dependsOn = service(name).depends_on ?? {};
      expect(dependsOn['postgres']?.condition).toBe('service_healthy');
      expect(dependsOn['kafka-topics']?.condition).toBe('service_completed_successfully');
    }
    expect(service('kafka-topics').depends_on?.['kafka']?.condition).toBe('service_healthy');
  });

  it.each(SCALABLE)('%s can be scaled: no container_name, no fixed host port', (name) => {
    const s = service(name);
    expect(s.container_name).toBeUndefined();
    expect((s.ports ?? []).filter(publishesFixedHostPort)).toEqual([]);
  });

  it('runs the console from its image, on 3004, after the services are healthy, without a launcher', () => {
    const console = service('console');
    expect(console.build?.target).toBe('console');
    expect(console.image).toBe('fanout/console:local');
    const env = environmentOf(console);
    const exposed = effectiveInstruction(
      readDockerfile(repoPath('Dockerfile')),
      'console',
      'EXPOSE',
    );
    expect(env['PORT']).toBe(exposed?.args);
    expect(console.ports).toContain(`127.0.0.1:${env['PORT']}:${env['PORT']}`);
    expect(env['KAFKA_BROKERS']).toBe('kafka:9092');
    expect(env['KAFKA_SASL_USERNAME']).toBe('console');
    for (const name of serviceNames) {
      expect(console.depends_on?.[name]?.condition).toBe('service_healthy');
      expect(env[`${name.toUpperCase()}_URL`]).toBe(
        `http://${name}:${environmentOf(service(name))['PORT']}`,
      );
    }
    // No launcher here: the page shows its controls unavailable (docs/console.md).
    expect(Object.keys(env).filter((name) => name.startsWith('LAUNCHER_'))).toEqual([]);
  });

  it('publishes the orders API on host port 3000', () => {
    expect(service('orders').ports).toContain('127.0.0.1:3000:3000');
  });

  it('creates every topic and dead-letter topic with the partition count the code assumes', () => {
    const script = [service('kafka-topics').command].flat().join('\n');
    expect(script).toContain(`--partitions ${TOPIC_PARTITIONS}`);
    const loop = /for topic in ([\w\s]+); do/.exec(script);
    expect(loop?.[1]?.trim().split(/\s+/).sort()).toEqual([...topicNames].sort());
    expect(script).toContain(`"$$topic${deadLetterTopic('')}"`);
  });

  it('runs Kafka in KRaft mode from the official image', () => {
    const kafka = service('kafka');
    expect(kafka.image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
    expect(environmentOf(kafka)['KAFKA_PROCESS_ROLES']).toBe('broker,controller');
    expect(service('kafka-topics').image).toBe(kafka.image);
  });

  it('creates one database per service and points each service at its own', () => {
    const sql = readFileSync(repoPath('docker/postgres/create-service-databases.sql'), 'utf8');
    const created = [...sql.matchAll(/CREATE DATABASE (\w+);/g)].map((m) => m[1]);
    expect(created.sort()).toEqual([...serviceNames].sort());
    const mounts = JSON.stringify(services['postgres']);
    expect(mounts).toContain(
      './docker/postgres/create-service-databases.sql:/docker-entrypoint-initdb.d/',
    );
    for (const name of serviceNames) {
      const variable = `${name.toUpperCase()}_DATABASE_URL`;
      const url = new URL(defined(environmentOf(service(name))[variable], variable));
      expect({ host: url.hostname, database: url.pathname }).toEqual({
        host: 'postgres',
        database: `/${name}`,
      });
    }
  });

  it('points the services at Kafka, and leaves the embedded broker to its override file', () => {
    for (const name of serviceNames) {
      expect(environmentOf(service(name))['KAFKA_BROKERS']).toBe('kafka:9092');
    }
    // A profile that adds a second broker would give two containers answering to `kafka`.
    expect(Object.keys(services)).not.toContain('broker');
    expect(Object.values(services).flatMap((s) => s.profiles ?? [])).not.toContain('embedded');
    for (const name of serviceNames) {
      expect(service(name).depends_on?.['kafka-topics']?.required).not.toBe(false);
    }
  });

  it("caps every container's memory and rotates its json-file log", () => {
    const problems = Object.entries(services).flatMap(([name, s]) => {
      const found: string[] = [];
      if (!/^\d+[mg]$/.test(String(s.mem_limit ?? ''))) found.push(`${name}: no mem_limit`);
      const { driver, options = {} } = s.logging ?? {};
      if (driver !== 'json-file' || !options['max-size'] || !options['max-file']) {
        found.push(`${name}: no json-file log rotation (max-size, max-file)`);
      }
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('offers a Kafka web UI under the ui profile, pointed at the cluster', () => {
    const ui = Object.values(services).filter((s) => s.profiles?.includes('ui'));
    expect(ui).toHaveLength(1);
    expect(Object.values(environmentOf(defined(ui[0], 'the ui service')))).toContain('kafka:9092');
  });
});
