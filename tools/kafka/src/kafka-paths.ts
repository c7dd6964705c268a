import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root: tools/kafka/src is three levels below it. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The pom that pins Apache Kafka; Maven resolves the jars from it. */
export const KAFKA_POM = path.join(REPO_ROOT, 'tools/kafka/pom.xml');

/** log4j 2 configurations for the broker and for the CLI tools. */
export const LOG4J2_SERVER_CONFIG = path.join(REPO_ROOT, 'tools/kafka/config/log4j2-server.xml');
export const LOG4J2_TOOLS_CONFIG = path.join(REPO_ROOT, 'tools/kafka/config/log4j2-tools.xml');

/** The pinned Kafka version, read from the pom's `<kafka.version>` property: the one source. */
export function pinnedKafkaVersion(pomXml = readFileSync(KAFKA_POM, 'utf8')): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match) throw new Error(`${KAFKA_POM} has no <kafka.version> property`);
  return match[1];
}

/**
 * Where the jars live: outside git, one directory per version, so a version bump fetches anew
 * and an old cache never mixes in. KAFKA_CACHE_DIR moves the whole cache (default .cache/kafka).
 */
export function kafkaCacheDir(version = pinnedKafkaVersion()): string {
  const base = process.env.KAFKA_CACHE_DIR
    ? path.resolve(process.env.KAFKA_CACHE_DIR)
    : path.join(REPO_ROOT, '.cache/kafka');
  return path.join(base, version);
}

/** The classpath directory: every jar of the pinned Kafka, its dependencies and the binding. */
export function kafkaLibDir(version = pinnedKafkaVersion()): string {
  return path.join(kafkaCacheDir(version), 'lib');
}
