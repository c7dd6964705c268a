import {
  deadLetterTopic,
  serviceNames,
  TOPIC_PARTITIONS,
  topicConfigEntries,
  topicNames,
} from '@fanout/contracts';
import { CONSOLE } from '@fanout/kafka-runner';
import { kustomizeBuild } from '../kustomize/kustomize-build';
import { defined } from '../support/defined';
import { repoPath } from '../support/repo-paths';
import type { Resource } from '../support/yaml-documents';
import { OVERLAYS } from './overlays';
import {
  containersOf,
  envNamesOf,
  isWorkload,
  mainContainer,
  parseQuantity,
  podSpecOf,
  type Container,
  type Probe,
} from './pod-spec';
import { validateResource } from './validate-resource';

const NAMESPACE = 'fanout';
/** The label every HPA and ScaledObject carries, so the overlay switch can name them exactly. */
const AUTOSCALER_LABEL = ['app.kubernetes.io/component', 'autoscaler'] as const;
/** Idle RSS was measured at 166-196 MB (about 215 MB for the image): below this, pods get evicted. */
const MIN_MEMORY_REQUEST = parseQuantity('256Mi');
/** Migrations and a cold start under the TypeScript loader, before liveness counts. */
const MIN_STARTUP_SECONDS = 180;
/** Every Deployment: the four services and the console (apps/console). */
const APPS = [...serviceNames, CONSOLE];

describe.each(OVERLAYS)('k8s/overlays/%s', (overlay) => {
  const resources = kustomizeBuild(repoPath('k8s/overlays', overlay));
  const ofKind = (kind: string) => resources.filter((r) => r.kind === kind);
  const find = (kind: string, name: string) =>
    resources.find((r) => r.kind === kind && r.metadata.name === name);
  const get = (kind: string, name: string) => defined(find(kind, name), `${kind} ${name}`);
  const workloads = resources.filter(isWorkload);
  const deployments = ofKind('Deployment');

  it('validates every object against the schema of its kind', () => {
    const failures = resources.flatMap((resource) => {
      try {
        validateResource(resource);
        return [];
      } catch (error) {
        return [`${resource.kind}/${resource.metadata.name}: ${(error as Error).message}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('puts everything in the fanout namespace, which it creates', () => {
    expect(find('Namespace', NAMESPACE)).toBeDefined();
    const elsewhere = resources
      .filter((r) => r.kind !== 'Namespace' && r.metadata.namespace !== NAMESPACE)
      .map((r) => `${r.kind}/${r.metadata.name}`);
    expect(elsewhere).toEqual([]);
  });

  it('runs each service and the console as a Deployment with a Service in front', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...APPS].sort());
    for (const name of APPS) expect(find('Service', name)).toBeDefined();
  });

  it.each(APPS)('%s: probes /health on the port the service listens on', (name) => {
    const container = mainContainer(get('Deployment', name));
    const port = Number(container.env?.find((e) => e.name === 'PORT')?.value);
    expect(port).toBeGreaterThan(0);
    const probes = { readiness: container.readinessProbe, liveness: container.livenessProbe };
    for (const [kind, probe] of Object.entries(probes)) {
      expect({ kind, path: probe?.httpGet?.path }).toEqual({ kind, path: '/health' });
      expect({ kind, port: probe && resolvePort(container, probe) }).toEqual({ kind, port });
    }
  });

  it.each(APPS)('%s: gives a cold start time before liveness counts', (name) => {
    const container = mainContainer(get('Deployment', name));
    const probe = defined(container.startupProbe, `${name}'s startupProbe`);
    expect(probe.httpGet?.path).toBe('/health');
    expect(resolvePort(container, probe)).toBe(
      Number(container.env?.find((e) => e.name === 'PORT')?.value),
    );
    // Kubernetes defaults: 10 s period, 3 failures.
    const seconds = (probe.periodSeconds ?? 10) * (probe.failureThreshold ?? 3);
    expect({ name, seconds, enough: seconds >= MIN_STARTUP_SECONDS }).toEqual({
      name,
      seconds,
      enough: true,
    });
  });

  it.each(APPS)(
    '%s: waits for the Kafka bootstrap Service in a pinned busybox init container, for a bounded time',
    (name) => {
      const initContainers = podSpecOf(get('Deployment', name)).initContainers ?? [];
      const waiting = defined(
        initContainers.find((c) =>
          /\bnc -z\b/.test([...(c.command ?? []), ...(c.args ?? [])].join(' ')),
        ),
        `${name}'s init container waiting with nc -z`,
      );
      expect(waiting.image).toMatch(/^busybox:\d+\.\d+\.\d+$/);
      const script = [...(waiting.command ?? []), ...(waiting.args ?? [])].join(' ');
      // Bounded: a counted loop or busybox's timeout, never `until nc ...; do ...; done` forever.
      expect(script).toMatch(/\$\(seq 1 \d+\)|\btimeout \d+/);
      expect(script).toMatch(/\bexit 1\b/);
      // The address it waits for is the one the service will use.
      const brokers = defined(
        waiting.env?.find((e) => e.name === 'KAFKA_BROKERS'),
        `KAFKA_BROKERS in ${name}'s init container`,
      );
      expect(brokers.valueFrom?.configMapKeyRef).toEqual({
        name: 'fanout-config',
        key: 'KAFKA_BROKERS',
      });
      expect(script).toContain('KAFKA_BROKERS');
      const service = mainContainer(get('Deployment', name));
      const fromConfig = service.envFrom?.some((s) => s.configMapRef?.name === 'fanout-config');
      const brokersFromConfig = service.env?.find((e) => e.name === 'KAFKA_BROKERS')?.valueFrom;
      expect(fromConfig || brokersFromConfig?.configMapKeyRef?.name === 'fanout-config').toBe(true);
    },
  );

  it.each(APPS)(
    '%s: requests the memory the service was measured to use, within its limit',
    (name) => {
      const deployment = get('Deployment', name);
      for (const container of podSpecOf(deployment).containers) {
        const request = parseQuantity(
          defined(container.resources?.requests?.['memory'], 'request'),
        );
        const limit = parseQuantity(defined(container.resources?.limits?.['memory'], 'limit'));
        const where = `${name}/${container.name}`;
        expect({ where, requestAtLeast256Mi: request >= MIN_MEMORY_REQUEST }).toEqual({
          where,
          requestAtLeast256Mi: true,
        });
        expect({ where, limitAtLeastRequest: limit >= request }).toEqual({
          where,
          limitAtLeastRequest: true,
        });
      }
    },
  );

  it('labels every autoscaler, so that switching overlays can select them exactly', () => {
    const [key, value] = AUTOSCALER_LABEL;
    const unlabelled = [...ofKind('HorizontalPodAutoscaler'), ...ofKind('ScaledObject')]
      .filter((r) => r.metadata.labels?.[key] !== value)
      .map((r) => `${r.kind}/${r.metadata.name}`);
    expect(unlabelled).toEqual([]);
  });

  it('has each ScaledObject take over the CPU HPA the base gives its Deployment', () => {
    // kubectl apply deletes nothing: applied over the base's HPAs, a ScaledObject for a Deployment
    // an HPA already scales is refused by KEDA's webhook unless it adopts that HPA.
    const baseHpas = kustomizeBuild(repoPath('k8s/base')).filter(
      (r) => r.kind === 'HorizontalPodAutoscaler',
    );
    for (const scaled of ofKind('ScaledObject')) {
      const spec = scaled['spec'] as {
        scaleTargetRef: { name: string };
        advanced?: { horizontalPodAutoscalerConfig?: { name?: string } };
      };
      const hpa = baseHpas.find(
        (h) =>
          (h['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name ===
          spec.scaleTargetRef.name,
      );
      if (!hpa) throw new Error(`no HPA in k8s/base scales ${spec.scaleTargetRef.name}`);
      expect({
        scaledObject: scaled.metadata.name,
        transfer: (scaled.metadata as { annotations?: Record<string, string> }).annotations?.[
          'scaledobject.keda.sh/transfer-hpa-ownership'
        ],
        hpaName: spec.advanced?.horizontalPodAutoscalerConfig?.name,
      }).toEqual({
        scaledObject: scaled.metadata.name,
        transfer: 'true',
        hpaName: hpa.metadata.name,
      });
    }
  });

  it('sets CPU and memory requests and limits on every container', () => {
    const missing = workloads.flatMap((workload) =>
      containersOf(workload).flatMap((container) =>
        ['requests', 'limits'].flatMap((bound) =>
          ['cpu', 'memory']
            .filter((resource) => !container.resources?.[bound as 'requests']?.[resource])
            .map((resource) => `${workload.metadata.name}/${container.name} ${bound}.${resource}`),
        ),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('runs every container as non-root, without privilege escalation, on a read-only root', () => {
    const violations = workloads.flatMap((workload) => {
      const pod = podSpecOf(workload);
      return containersOf(workload).flatMap((container) => {
        const where = `${workload.metadata.name}/${container.name}`;
        const nonRoot =
          container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
        const user = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        return [
          nonRoot === true ? null : `${where}: runAsNonRoot is not true`,
          user === 0 ? `${where}: runAsUser is 0` : null,
          container.securityContext?.allowPrivilegeEscalation === false
            ? null
            : `${where}: allowPrivilegeEscalation is not false`,
          container.securityContext?.readOnlyRootFilesystem === true
            ? null
            : `${where}: root filesystem is writable`,
        ].filter((v): v is string => v !== null);
      });
    });
    expect(violations).toEqual([]);
  });

  it('takes each service its environment from a ConfigMap and a Secret that exist', () => {
    for (const deployment of deployments.filter((d) => d.metadata.name !== CONSOLE)) {
      const sources = mainContainer(deployment).envFrom ?? [];
      const configMaps = sources.flatMap((s) => (s.configMapRef ? [s.configMapRef.name] : []));
      const secrets = sources.flatMap((s) => (s.secretRef ? [s.secretRef.name] : []));
      expect({ deployment: deployment.metadata.name, configMaps: configMaps.length > 0 }).toEqual({
        deployment: deployment.metadata.name,
        configMaps: true,
      });
      expect(secrets.length).toBeGreaterThan(0);
      for (const name of configMaps) expect(find('ConfigMap', name)).toBeDefined();
      for (const name of secrets) expect(find('Secret', name)).toBeDefined();
    }
  });

  it('gives the console Kafka from fanout-config, no database, and no launcher control endpoint', () => {
    const container = mainContainer(get('Deployment', CONSOLE));
    expect(container.envFrom ?? []).toEqual([]);
    const env = new Map((container.env ?? []).map((e) => [e.name, e]));
    for (const key of ['KAFKA_BROKERS', 'KAFKA_SASL_MECHANISM']) {
      expect(env.get(key)?.valueFrom?.configMapKeyRef).toEqual({ name: 'fanout-config', key });
    }
    const config = get('ConfigMap', 'fanout-config')['data'] as Record<string, string>;
    for (const key of ['KAFKA_BROKERS', 'KAFKA_SASL_MECHANISM']) expect(config[key]).toBeDefined();
    // Without a launcher the page shows its controls unavailable (docs/console.md).
    expect([...env.keys()].filter((name) => name.startsWith('LAUNCHER_'))).toEqual([]);
    // Each service's /health through its Service, on the port the Service exposes.
    for (const name of serviceNames) {
      const url = new URL(defined(env.get(`${name.toUpperCase()}_URL`)?.value, `${name}_URL`));
      const service = get('Service', url.hostname)['spec'] as { ports: { port: number }[] };
      expect({ name, host: url.hostname, port: service.ports.map((p) => p.port) }).toEqual({
        name,
        host: name,
        port: [Number(url.port)],
      });
    }
    // One member in the `console` group: a second would see only its share of the partitions.
    expect((get('Deployment', CONSOLE)['spec'] as { replicas?: number }).replicas).toBe(1);
    const scaled = [...ofKind('HorizontalPodAutoscaler'), ...ofKind('ScaledObject')].filter(
      (r) => (r['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name === CONSOLE,
    );
    expect(scaled).toEqual([]);
  });

  it('routes every Service to pods that exist, on a port they name', () => {
    for (const service of ofKind('Service')) {
      const spec = service['spec'] as {
        selector: Record<string, string>;
        ports: { targetPort: string | number }[];
      };
      const targets = workloads.filter((workload) => {
        const labels = (workload['spec'] as { template: { metadata: { labels: object } } }).template
          .metadata.labels as Record<string, string>;
        return Object.entries(spec.selector).every(([key, value]) => labels[key] === value);
      });
      expect({ service: service.metadata.name, targets: targets.length }).toEqual({
        service: service.metadata.name,
        targets: 1,
      });
      const ports = targets.flatMap(containersOf).flatMap((c) => c.ports ?? []);
      for (const { targetPort } of spec.ports) {
        expect(ports.some((p) => p.name === targetPort || p.containerPort === targetPort)).toBe(
          true,
        );
      }
    }
  });

  it('never lets an autoscaler run more consumers than a topic has partitions', () => {
    const caps = [
      ...ofKind('HorizontalPodAutoscaler').map((hpa) => {
        const spec = hpa['spec'] as { maxReplicas: number; scaleTargetRef: { name: string } };
        return {
          name: `hpa/${hpa.metadata.name}`,
          max: spec.maxReplicas,
          target: spec.scaleTargetRef.name,
        };
      }),
      ...ofKind('ScaledObject').map((scaled) => {
        const spec = scaled['spec'] as {
          maxReplicaCount?: number;
          scaleTargetRef: { name: string };
        };
        return {
          name: `keda/${scaled.metadata.name}`,
          max: spec.maxReplicaCount,
          target: spec.scaleTargetRef.name,
        };
      }),
    ];
    expect(caps.length).toBeGreaterThan(0);
    for (const cap of caps) {
      expect({ ...cap, withinPartitions: (cap.max ?? Infinity) <= TOPIC_PARTITIONS }).toEqual({
        ...cap,
        withinPartitions: true,
      });
      expect(find('Deployment', cap.target)).toBeDefined();
    }
    // Two autoscalers on one Deployment fight each other.
    const targets = caps.map((cap) => cap.target);
    expect(new Set(targets).size).toBe(targets.length);
  });

  it('scales on consumer lag only with the group and topic the service really uses', () => {
    for (const scaled of ofKind('ScaledObject')) {
      const spec = scaled['spec'] as {
        scaleTargetRef: { name: string };
        triggers: { type: string; metadata: Record<string, string> }[];
      };
      for (const trigger of spec.triggers.filter((t) => t.type === 'kafka')) {
        // Each service's consumer group is named after the service (libs/messaging).
        expect(trigger.metadata['consumerGroup']).toBe(spec.scaleTargetRef.name);
        expect(topicNames).toContain(trigger.metadata['topic']);
        expect(trigger.metadata['bootstrapServers']).toMatch(
          /^fanout-kafka-bootstrap\.fanout\.svc:9092$/,
        );
      }
    }
  });

  it('declares every topic and dead-letter topic with the partition count the code assumes', () => {
    const kafka = ofKind('Kafka');
    expect(kafka).toHaveLength(1);
    const cluster = defined(kafka[0], 'Kafka').metadata.name;
    const topics = ofKind('KafkaTopic').map((topic) => {
      const spec = topic['spec'] as { topicName?: string; partitions: number };
      return {
        name: spec.topicName ?? topic.metadata.name,
        partitions: spec.partitions,
        cluster: topic.metadata.labels?.['strimzi.io/cluster'],
      };
    });
    const expected = topicNames
      .flatMap((topic) => [topic, deadLetterTopic(topic)])
      .map((name) => ({ name, partitions: TOPIC_PARTITIONS, cluster }));
    expect(sortByName(topics)).toEqual(sortByName(expected));
    // The topic configs the code creates a topic with (a compacted products topic) are declared too.
    for (const topic of ofKind('KafkaTopic')) {
      const spec = topic['spec'] as { topicName?: string; config?: Record<string, string> };
      const name = spec.topicName ?? topic.metadata.name;
      for (const { name: key, value } of topicConfigEntries(name)) {
        expect({ topic: name, [key]: spec.config?.[key] }).toEqual({ topic: name, [key]: value });
      }
    }
    for (const pool of ofKind('KafkaNodePool')) {
      expect(pool.metadata.labels?.['strimzi.io/cluster']).toBe(cluster);
    }
  });

  it('points the services at the Strimzi bootstrap Service of that Kafka cluster', () => {
    const config = get('ConfigMap', 'fanout-config')['data'] as Record<string, string>;
    const kafka = defined(ofKind('Kafka')[0], 'Kafka');
    const listeners = (kafka['spec'] as { kafka: { listeners: { port: number; tls: boolean }[] } })
      .kafka.listeners;
    const plain = defined(
      listeners.find((listener) => !listener.tls),
      'a plain listener',
    );
    expect(config['KAFKA_BROKERS']).toBe(`${kafka.metadata.name}-kafka-bootstrap:${plain.port}`);
  });

  it('gives each service its own database, created by the PostgreSQL init script', () => {
    const data = get('ConfigMap', 'postgres-init-scripts')['data'] as Record<string, string>;
    const script = defined(data['create-service-databases.sql'], 'the init script');
    const created = [...script.matchAll(/CREATE DATABASE (\w+);/g)].map((m) => m[1]);
    expect(created.sort()).toEqual([...serviceNames].sort());
    for (const name of serviceNames) {
      const container = mainContainer(get('Deployment', name));
      const secretRef = (container.envFrom ?? []).find((s) => s.secretRef)?.secretRef;
      const secretName = defined(secretRef, `${name}'s Secret`).name;
      const secret = get('Secret', secretName)['stringData'] as Record<string, string>;
      const url = new URL(defined(secret[`${name.toUpperCase()}_DATABASE_URL`], 'database URL'));
      expect({ host: url.hostname, database: url.pathname }).toEqual({
        host: 'postgres',
        database: `/${name}`,
      });
      expect(find('Service', url.hostname)).toBeDefined();
    }
  });

  it('sets no environment variable twice in one container', () => {
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        const names = envNamesOf(container, resources);
        expect(names.length).toBe(new Set(names).size);
      }
    }
  });
});

function resolvePort(container: Container, probe: Probe): number | undefined {
  const port = probe.httpGet?.port;
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

export type { Resource };
