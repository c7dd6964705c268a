import type { Resource } from '../support/yaml-documents';

/** The fields of a pod template the checks read. */
export interface Probe {
  httpGet?: { path?: string; port?: number | string };
  periodSeconds?: number;
  failureThreshold?: number;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { configMapKeyRef?: { name: string; key: string } };
  }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  resources?: {
    requests?: Record<string, string | number>;
    limits?: Record<string, string | number>;
  };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
  };
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job']);

export function isWorkload(resource: Resource): boolean {
  return WORKLOAD_KINDS.has(resource.kind);
}

export function podSpecOf(workload: Resource): PodSpec {
  return (workload['spec'] as { template: { spec: PodSpec } }).template.spec;
}

/** The service's own container: the first one of the pod. */
export function mainContainer(workload: Resource): Container {
  const [container] = podSpecOf(workload).containers;
  if (!container) throw new Error(`${workload.metadata.name} has no container`);
  return container;
}

export function containersOf(workload: Resource): Container[] {
  const pod = podSpecOf(workload);
  return [...(pod.initContainers ?? []), ...pod.containers];
}

/** Every variable name a container gets: its env list and the keys of its envFrom sources. */
export function envNamesOf(container: Container, resources: Resource[]): string[] {
  const fromSources = (container.envFrom ?? []).flatMap((source) => {
    const [kind, name] = source.configMapRef
      ? ['ConfigMap', source.configMapRef.name]
      : ['Secret', source.secretRef?.name];
    const object = resources.find((r) => r.kind === kind && r.metadata.name === name);
    if (!object) return [];
    return [
      ...Object.keys((object['data'] as object | undefined) ?? {}),
      ...Object.keys((object['stringData'] as object | undefined) ?? {}),
    ];
  });
  return [...(container.env ?? []).map((e) => e.name), ...fromSources];
}

/** A memory or CPU quantity ("256Mi", "1G", "500m", 3) in bytes or cores. */
export function parseQuantity(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) throw new Error(`not a quantity: ${quantity}`);
  const factors: Record<string, number> = {
    m: 1e-3,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(match[1]) * (match[2] ? (factors[match[2]] ?? NaN) : 1);
}
