import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CleanupPolicy, TopicInfo } from './log-store';
import { writeFileAtomic } from './file-io';

const CATALOG_FILE = 'topics.json';
export const MAX_PARTITIONS = 10_000;

/** Kafka's topic name rules: [a-zA-Z0-9._-]{1,249}, not '.' or '..'. */
export function topicNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 249) return 'must be 1 to 249 characters long';
  if (name === '.' || name === '..') return "cannot be '.' or '..'";
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return 'may only contain ASCII letters, digits, ., _ and -';
  return undefined;
}

export const partitionDirName = (topic: string, partition: number): string =>
  `${topic}-${partition}`;

interface CatalogFile {
  version: 1;
  topics: Record<string, number>;
  /** Topics created with cleanup.policy=compact (absent in files written before it existed). */
  compacted?: string[];
}

/**
 * Topics and their partition counts, in `<dataDir>/topics.json`. Every change rewrites the file
 * atomically (temp file, fsync, rename, directory fsync); changes are serialized.
 */
export class TopicCatalog {
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly topics: Map<string, number>,
    private readonly compacted: Set<string>,
  ) {}

  static async load(dataDir: string): Promise<TopicCatalog> {
    const file = path.join(dataDir, CATALOG_FILE);
    let content: CatalogFile = { version: 1, topics: {} };
    try {
      content = JSON.parse(await readFile(file, 'utf8')) as CatalogFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`cannot read topic catalog ${file}: ${(error as Error).message}`);
      }
    }
    return new TopicCatalog(
      file,
      new Map(Object.entries(content.topics)),
      new Set(content.compacted ?? []),
    );
  }

  list(): TopicInfo[] {
    return [...this.topics].map(([name, partitions]) => ({ name, partitions }));
  }

  get(name: string): TopicInfo | undefined {
    const partitions = this.topics.get(name);
    return partitions === undefined ? undefined : { name, partitions };
  }

  cleanupPolicy(name: string): CleanupPolicy {
    return this.compacted.has(name) ? 'compact' : 'delete';
  }

  /** Adds a topic, or sets its partition count (its cleanup policy unchanged unless given). */
  add(name: string, partitions: number, cleanupPolicy?: CleanupPolicy): Promise<void> {
    this.topics.set(name, partitions);
    if (cleanupPolicy === 'compact') this.compacted.add(name);
    if (cleanupPolicy === 'delete') this.compacted.delete(name);
    return this.persist();
  }

  remove(name: string): Promise<void> {
    this.topics.delete(name);
    this.compacted.delete(name);
    return this.persist();
  }

  private persist(): Promise<void> {
    const content: CatalogFile = {
      version: 1,
      topics: Object.fromEntries(this.topics),
      ...(this.compacted.size > 0 ? { compacted: [...this.compacted].sort() } : {}),
    };
    const write = this.writes.then(() =>
      writeFileAtomic(this.file, JSON.stringify(content, null, 2)),
    );
    this.writes = write.catch(() => undefined);
    return write;
  }
}
