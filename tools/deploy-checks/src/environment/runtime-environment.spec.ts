import { serviceNames, type ServiceName } from '@fanout/contracts';
import { COMPOSE_FILE, environmentOf, readComposeFile } from '../compose/compose-file';
import { readComposeFiles } from '../compose/compose-override';
import { readDockerfile, stageChain } from '../dockerfile/dockerfile';
import { kustomizeBuild } from '../kustomize/kustomize-build';
import { parseImage } from '../kustomize/kustomize-build';
import { envNamesOf, mainContainer } from '../kubernetes/pod-spec';
import { OVERLAYS } from '../kubernetes/overlays';
import { defined } from '../support/defined';
import { repoPath } from '../support/repo-paths';
import {
  envReadsIn,
  envReadsOfBroker,
  envReadsOfConsole,
  envReadsOfService,
} from './service-env-reads';

/**
 * Docker Compose and Kubernetes must configure the services with the variables the code really
 * reads: a misspelt or renamed variable would otherwise be ignored without a word.
 */

/** Set by the platform where Compose cannot: each Kubernetes pod's name. */
const KUBERNETES_ONLY = new Set(['INSTANCE_ID']);

/** Variables the Dockerfile sets for a target (ENV NAME=value ...). */
function imageEnv(target: string): string[] {
  return stageChain(readDockerfile(repoPath('Dockerfile')), target)
    .flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'ENV'))
    .flatMap((i) =>
      [...i.args.matchAll(/([A-Z][A-Z0-9_]*)=/g)].flatMap((m) => (m[1] ? [m[1]] : [])),
    );
}

describe('the environment the services are given', () => {
  const compose = readComposeFile();
  const composeService = (name: string) => defined(compose.services[name], `compose ${name}`);

  it('finds environment reads in the forms the code uses', () => {
    const code = [
      "process.env['PORT']",
      'process.env.DATA_DIR',
      "env['KAFKA_BROKERS']",
      'env[`${service.toUpperCase()}_DATABASE_URL`]',
      "other['NOT_ENV']",
      "const KEY_VARIABLES = ['AUTH_JWKS_URL', 'AUTH_JWKS_FILE'] as const;",
      "const NAMES = ['NOT_A_READ'];",
      "const mechanism = set(env, 'KAFKA_SASL_MECHANISM');",
      "format(other, 'NOT_ENV_EITHER')",
    ].join('\n');
    expect(envReadsIn(code).sort()).toEqual([
      '<SERVICE>_DATABASE_URL',
      'AUTH_JWKS_FILE',
      'AUTH_JWKS_URL',
      'DATA_DIR',
      'KAFKA_BROKERS',
      'KAFKA_SASL_MECHANISM',
      'PORT',
    ]);
  });

  it.each([...serviceNames])('%s reads the variables every deployment relies on', (service) => {
    const reads = envReadsOfService(service);
    for (const name of ['PORT', 'HOST', 'KAFKA_BROKERS', 'LOG_LEVEL', 'INSTANCE_ID']) {
      expect({ name, read: reads.has(name) }).toEqual({ name, read: true });
    }
    expect(reads.has(`${service.toUpperCase()}_DATABASE_URL`) || reads.has('DATABASE_URL')).toBe(
      true,
    );
  });

  it.each([...serviceNames])(
    '%s: docker-compose.yml and its image set only variables it reads',
    (service) => {
      const reads = envReadsOfService(service);
      const given = [...Object.keys(environmentOf(composeService(service))), ...imageEnv(service)];
      const unknown = given.filter((name) => !reads.has(name) && name !== 'NODE_ENV');
      expect(unknown).toEqual([]);
    },
  );

  it('the console reads the variables compose and Kubernetes give it', () => {
    const reads = envReadsOfConsole();
    const wanted = [
      'PORT',
      'HOST',
      'KAFKA_BROKERS',
      'KAFKA_SASL_MECHANISM',
      'LAUNCHER_CONTROL_URL',
    ];
    for (const name of [...wanted, ...serviceNames.map((s) => `${s.toUpperCase()}_URL`)]) {
      expect({ name, read: reads.has(name) }).toEqual({ name, read: true });
    }
  });

  it('the console: docker-compose.yml and its image set only variables it reads', () => {
    const reads = envReadsOfConsole();
    const given = [
      ...Object.keys(environmentOf(composeService('console'))),
      ...imageEnv('console'),
    ];
    expect(given.filter((name) => !reads.has(name) && name !== 'NODE_ENV')).toEqual([]);
  });

  it('the broker: docker-compose.embedded.yml and its image set only variables its CLI reads', () => {
    const reads = envReadsOfBroker();
    const embedded = readComposeFiles([COMPOSE_FILE, repoPath('docker-compose.embedded.yml')]);
    const broker = defined(embedded.services['kafka'], 'the embedded kafka service');
    const given = [...Object.keys(environmentOf(broker)), ...imageEnv('broker')];
    const unknown = given.filter(
      (name) => !reads.has(name) && !['NODE_ENV', 'HOST'].includes(name),
    );
    expect(unknown).toEqual([]);
  });

  describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
    const resources = kustomizeBuild(repoPath('k8s/overlays', overlay));
    const containerOf = (service: ServiceName) => {
      const deployment = resources.find(
        (r) => r.kind === 'Deployment' && r.metadata.name === service,
      );
      return mainContainer(defined(deployment, `Deployment ${service}`));
    };

    it.each([...serviceNames])('%s: sets only variables the service reads', (service) => {
      const reads = envReadsOfService(service);
      const unknown = envNamesOf(containerOf(service), resources).filter(
        (name) => !reads.has(name),
      );
      expect(unknown).toEqual([]);
    });

    it.each([...serviceNames])('%s: sets the same variables as docker-compose.yml', (service) => {
      const kubernetes = envNamesOf(containerOf(service), resources).filter(
        (name) => !KUBERNETES_ONLY.has(name),
      );
      expect(kubernetes.sort()).toEqual(Object.keys(environmentOf(composeService(service))).sort());
    });

    it.each([...serviceNames])('%s: runs the image docker-compose.yml builds', (service) => {
      const kubernetesImage = parseImage(containerOf(service).image).name;
      expect(kubernetesImage).toBe(parseImage(composeService(service).image ?? '').name);
    });

    it('the console: sets only variables it reads, the same as docker-compose.yml, its image', () => {
      const container = mainContainer(
        defined(
          resources.find((r) => r.kind === 'Deployment' && r.metadata.name === 'console'),
          'Deployment console',
        ),
      );
      const reads = envReadsOfConsole();
      const names = envNamesOf(container, resources);
      expect(names.filter((name) => !reads.has(name))).toEqual([]);
      expect(names.sort()).toEqual(Object.keys(environmentOf(composeService('console'))).sort());
      expect(parseImage(container.image).name).toBe(
        parseImage(composeService('console').image ?? '').name,
      );
    });
  });
});
