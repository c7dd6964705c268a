import { readFileSync } from 'node:fs';
import { parseAllDocuments, parseDocument } from 'yaml';

/** A Kubernetes object as far as the checks need to type it; the rest stays open. */
export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** Every non-empty document of a multi-document YAML text; a syntax error names the file. */
export function parseYamlDocuments(text: string, source: string): Resource[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) {
        throw new Error(`${source}: ${document.errors.map((e) => e.message).join('; ')}`);
      }
      return document.toJS() as Resource | null;
    })
    .filter((document): document is Resource => document !== null);
}

/** One YAML document with anchors and `<<` merge keys resolved, as Docker Compose reads it. */
export function readYamlFile<T>(path: string): T {
  const document = parseDocument(readFileSync(path, 'utf8'), { merge: true });
  if (document.errors.length > 0) {
    throw new Error(`${path}: ${document.errors.map((e) => e.message).join('; ')}`);
  }
  return document.toJS({ maxAliasCount: -1 }) as T;
}
