/**
 * The part of Kubernetes' strategic merge patch that manifests use: maps merge recursively, `null`
 * deletes a field, lists of named things (containers, env, volumes, ports...) merge item by item on
 * their merge key, and any other list is replaced.
 */

/** Merge keys of the list fields a pod template has (from the Kubernetes API's patchMergeKey). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};

type Json = unknown;

function isMap(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function strategicMerge(target: Json, patch: Json, field?: string): Json {
  if (Array.isArray(patch)) {
    const key = field ? MERGE_KEYS[field] : undefined;
    if (!key || !Array.isArray(target)) return patch;
    return mergeList(target, patch, key);
  }
  if (!isMap(patch) || !isMap(target)) return patch;
  const merged: Record<string, Json> = { ...target };
  for (const [name, value] of Object.entries(patch)) {
    if (name === '$patch') continue;
    if (value === null) delete merged[name];
    else merged[name] = name in target ? strategicMerge(target[name], value, name) : value;
  }
  return merged;
}

function mergeList(target: Json[], patch: Json[], key: string): Json[] {
  const merged = [...target];
  for (const item of patch) {
    if (!isMap(item)) return patch;
    const index = merged.findIndex((existing) => isMap(existing) && existing[key] === item[key]);
    if (item['$patch'] === 'delete') {
      if (index !== -1) merged.splice(index, 1);
    } else if (index === -1) {
      merged.push(item);
    } else {
      merged[index] = strategicMerge(merged[index], item);
    }
  }
  return merged;
}
