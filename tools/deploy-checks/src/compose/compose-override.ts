import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
import type { ComposeFile } from './compose-file';

/** What `!reset` and `!override` leave in the parsed tree until the merge acts on them. */
const RESET = '$compose-reset';
const OVERRIDE = '$compose-override';

/**
 * Reads Compose files given with `-f a.yml -f b.yml` and merges them as Compose does: mappings
 * merge key by key, a later scalar replaces an earlier one, sequences append (Compose de-duplicates
 * some by key; the checks here do not depend on it), `!override` replaces a value whole and
 * `!reset` removes it. Anchors and `<<` merge keys resolve within each file first.
 */
export function readComposeFiles(paths: readonly string[]): ComposeFile {
  return paths
    .map((path) => parseComposeOverride(readFileSync(path, 'utf8'), path))
    .reduce(
      (merged, next) => mergeCompose(merged, next) as Record<string, unknown>,
      {},
    ) as unknown as ComposeFile;
}

/** One file, `!reset`/`!override` kept as markers for mergeCompose. */
export function parseComposeOverride(text: string, source: string): Record<string, unknown> {
  const document = parseDocument(text, { merge: true });
  if (document.errors.length > 0) {
    throw new Error(`${source}: ${document.errors.map((error) => error.message).join('; ')}`);
  }
  visit(document, {
    Node(_, node) {
      const tag = (node as Node).tag;
      if (tag !== '!reset' && tag !== '!override') return undefined;
      const value: unknown = isMap(node) || isSeq(node) || isScalar(node) ? node.toJSON() : null;
      return document.createNode(tag === '!reset' ? { [RESET]: true } : { [OVERRIDE]: value });
    },
  });
  return (document.toJS({ maxAliasCount: -1 }) ?? {}) as Record<string, unknown>;
}

/** `next` merged onto `base` (neither is changed). */
export function mergeCompose(base: unknown, next: unknown): unknown {
  if (isRecord(next) && RESET in next) return undefined;
  if (isRecord(next) && OVERRIDE in next) return next[OVERRIDE];
  if (isRecord(base) && isRecord(next)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(next)) {
      const result = mergeCompose(base[key], value);
      if (result === undefined) delete merged[key];
      else merged[key] = result;
    }
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(next)) return [...base, ...next];
  return strip(next);
}

/** A value new in an override may carry markers of its own deeper down. */
function strip(value: unknown): unknown {
  if (!isRecord(value)) return value;
  return mergeCompose({}, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
