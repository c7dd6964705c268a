import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseYamlDocuments, type Resource } from '../support/yaml-documents';
import { strategicMerge } from './strategic-merge';

/**
 * A minimal `kustomize build`: just the features k8s/ uses (resources, components, namespace,
 * images, strategic-merge patches from files, aimed by name or by a target's kind and labels), in
 * kustomize's order. Anything else in a
 * kustomization is an error rather than silently ignored, so a manifest change that needs more
 * fails here instead of being checked wrongly. (No kustomize with Components support is packaged
 * for Debian, and nothing else may be downloaded; kustomize-build.spec.ts compares the result with
 * `kubectl kustomize` wherever kubectl is installed.)
 */

interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** A patch's target: a kind, and labels equal to these (`a=b,c=d`). */
interface PatchTarget {
  kind: string;
  labelSelector?: string;
}

interface PatchReference {
  path?: string;
  patch?: string;
  target?: PatchTarget;
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  components?: string[];
  images?: ImageOverride[];
  patches?: PatchReference[];
}

const SUPPORTED_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'components',
  'images',
  'patches',
]);

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kinds kustomize leaves without a namespace. */
const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ClusterTriggerAuthentication',
]);

export class KustomizeError extends Error {
  override readonly name = 'KustomizeError';
}

/** Renders the kustomization in `directory` (an overlay or a base) to its resources. */
export function kustomizeBuild(directory: string): Resource[] {
  return buildTarget(resolve(directory), 'Kustomization');
}

function buildTarget(directory: string, expectedKind: 'Kustomization' | 'Component'): Resource[] {
  const kustomization = readKustomization(directory);
  const kind = kustomization.kind ?? 'Kustomization';
  if (kind !== expectedKind) {
    throw new KustomizeError(`${directory}: expected a ${expectedKind}, found a ${kind}`);
  }

  let resources: Resource[] = [];
  for (const entry of kustomization.resources ?? []) {
    resources = addUnique(resources, loadResourceEntry(join(directory, entry)), directory);
  }
  for (const entry of kustomization.components ?? []) {
    resources = applyComponent(resources, join(directory, entry));
  }
  return transform(resources, kustomization, directory);
}

/** A component adds its resources to the including kustomization's, then transforms them all. */
function applyComponent(resources: Resource[], directory: string): Resource[] {
  const component = readKustomization(directory);
  if (component.kind !== 'Component') {
    throw new KustomizeError(`${directory}: a component must have kind Component`);
  }
  let combined = resources;
  for (const entry of component.resources ?? []) {
    combined = addUnique(combined, loadResourceEntry(join(directory, entry)), directory);
  }
  for (const entry of component.components ?? []) {
    combined = applyComponent(combined, join(directory, entry));
  }
  return transform(combined, component, directory);
}

/** kustomize's built-in transformer order: patches, then namespace, then images. */
function transform(resources: Resource[], kustomization: Kustomization, directory: string) {
  let result = resources;
  for (const reference of kustomization.patches ?? []) {
    const patches = readPatch(reference, directory);
    result = reference.target
      ? applyTargetedPatches(result, patches, reference.target, directory)
      : applyPatches(result, patches, directory);
  }
  const { namespace } = kustomization;
  if (namespace) result = result.map((r) => withNamespace(r, namespace));
  for (const image of kustomization.images ?? []) result = result.map((r) => withImage(r, image));
  return result;
}

function readKustomization(directory: string): Kustomization {
  const file = KUSTOMIZATION_FILES.map((name) => join(directory, name)).find((p) => existsSync(p));
  if (!file) throw new KustomizeError(`${directory}: no kustomization file`);
  const [document] = parseYamlDocuments(readFileSync(file, 'utf8'), file);
  const kustomization = (document ?? {}) as Kustomization;
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) {
    throw new KustomizeError(`${file}: unsupported field(s) ${unsupported.join(', ')}`);
  }
  return kustomization;
}

function loadResourceEntry(path: string): Resource[] {
  if (!existsSync(path)) throw new KustomizeError(`${path}: no such resource`);
  if (statSync(path).isDirectory()) return buildTarget(path, 'Kustomization');
  return parseYamlDocuments(readFileSync(path, 'utf8'), path);
}

function readPatch(reference: PatchReference, directory: string): Resource[] {
  const keys = Object.keys(reference);
  if (keys.some((key) => key !== 'path' && key !== 'patch' && key !== 'target')) {
    throw new KustomizeError(
      `${directory}: only patches with path or patch, and target, are supported`,
    );
  }
  const targetKeys = Object.keys(reference.target ?? { kind: '' });
  if (targetKeys.some((key) => key !== 'kind' && key !== 'labelSelector')) {
    throw new KustomizeError(`${directory}: a patch target may name only kind and labelSelector`);
  }
  if (reference.path) {
    const file = join(directory, reference.path);
    return parseYamlDocuments(readFileSync(file, 'utf8'), file);
  }
  if (reference.patch) return parseYamlDocuments(reference.patch, `${directory} (inline patch)`);
  throw new KustomizeError(`${directory}: a patch needs path or patch`);
}

export function resourceId(resource: Resource): string {
  const namespace = resource.metadata?.namespace ?? '~';
  return `${resource.apiVersion}/${resource.kind}/${namespace}/${resource.metadata?.name}`;
}

function addUnique(existing: Resource[], added: Resource[], directory: string): Resource[] {
  const ids = new Set(existing.map(resourceId));
  for (const resource of added) {
    if (ids.has(resourceId(resource))) {
      throw new KustomizeError(`${directory}: ${resourceId(resource)} is defined twice`);
    }
    ids.add(resourceId(resource));
  }
  return [...existing, ...added];
}

/** The group of an apiVersion: kustomize matches patches on group, kind and name. */
function group(apiVersion: string | undefined): string {
  const [first = '', second] = (apiVersion ?? '').split('/');
  return second === undefined ? '' : first;
}

function applyPatches(resources: Resource[], patches: Resource[], directory: string): Resource[] {
  let result = resources;
  for (const patch of patches) {
    const matches = (resource: Resource) =>
      resource.kind === patch.kind &&
      group(resource.apiVersion) === group(patch.apiVersion) &&
      resource.metadata?.name === patch.metadata?.name &&
      (!patch.metadata?.namespace || patch.metadata.namespace === resource.metadata?.namespace);
    const targets = result.filter(matches);
    if (targets.length !== 1) {
      throw new KustomizeError(
        `${directory}: patch for ${patch.kind} ${patch.metadata?.name} matches ${targets.length} resources`,
      );
    }
    result =
      patch['$patch'] === 'delete'
        ? result.filter((resource) => !matches(resource))
        : result.map((resource) =>
            matches(resource) ? (strategicMerge(resource, patch) as Resource) : resource,
          );
  }
  return result;
}

/**
 * kustomize's patch with a target: each patch applies to every resource of the target's kind whose
 * labels match (equality only), its own name replaced by the resource's.
 */
function applyTargetedPatches(
  resources: Resource[],
  patches: Resource[],
  target: PatchTarget,
  directory: string,
): Resource[] {
  const labels = (target.labelSelector ?? '')
    .split(',')
    .filter(Boolean)
    .map((term) => {
      const [key, value, ...rest] = term.split('=');
      if (!key || value === undefined || rest.length > 0) {
        throw new KustomizeError(`${directory}: only key=value label selectors are supported`);
      }
      return [key.trim(), value.trim()] as const;
    });
  const matches = (resource: Resource) =>
    resource.kind === target.kind &&
    labels.every(([key, value]) => resource.metadata?.labels?.[key] === value);
  if (!resources.some(matches)) {
    throw new KustomizeError(
      `${directory}: patch target ${JSON.stringify(target)} matches nothing`,
    );
  }
  let result = resources;
  for (const patch of patches) {
    if (patch['$patch'] === 'delete') {
      throw new KustomizeError(`${directory}: a targeted delete patch is not supported`);
    }
    result = result.map((resource) =>
      matches(resource)
        ? (strategicMerge(resource, {
            ...patch,
            metadata: { ...patch.metadata, name: resource.metadata?.name },
          }) as Resource)
        : resource,
    );
  }
  return result;
}

function withNamespace(resource: Resource, namespace: string): Resource {
  if (CLUSTER_SCOPED_KINDS.has(resource.kind)) return resource;
  return { ...resource, metadata: { ...resource.metadata, namespace } };
}

/** Rewrites `image` in every containers / initContainers list, wherever it is nested. */
function withImage(resource: Resource, override: ImageOverride): Resource {
  const visit = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) {
      const isContainerList = key === 'containers' || key === 'initContainers';
      return value.map((item) => (isContainerList ? rewriteContainer(item) : visit(item)));
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v, k)]));
    }
    return value;
  };
  const rewriteContainer = (container: unknown): unknown => {
    const visited = visit(container) as { image?: string };
    if (typeof visited.image !== 'string') return visited;
    const { name, tag, digest } = parseImage(visited.image);
    if (name !== override.name) return visited;
    const newName = override.newName ?? name;
    const suffix = override.digest
      ? `@${override.digest}`
      : override.newTag
        ? `:${override.newTag}`
        : digest
          ? `@${digest}`
          : tag
            ? `:${tag}`
            : '';
    return { ...visited, image: `${newName}${suffix}` };
  };
  return visit(resource) as Resource;
}

export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const [withoutDigest, digest] = image.split('@') as [string, string | undefined];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon === -1) return { name: withoutDigest, digest };
  return { name: withoutDigest.slice(0, colon), tag: withoutDigest.slice(colon + 1), digest };
}
