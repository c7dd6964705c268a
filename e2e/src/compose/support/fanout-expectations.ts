import path from 'node:path';
import {
  deadLetterTopic,
  serviceNames,
  TOPIC_PARTITIONS,
  topicConfigEntries,
  topicNames,
} from '@fanout/contracts';
import { CONSOLE, fanoutAcls, OPERATOR, SASL_MECHANISM } from '@fanout/kafka-runner';
import type { WiringExpectations } from './compose-wiring';

export const REPO_ROOT = path.resolve(__dirname, '../../../..');
/** The file under test: COMPOSE_WIRING_FILE (one file, for trying a change), else the repository's. */
export const COMPOSE_FILE = path.resolve(
  REPO_ROOT,
  process.env['COMPOSE_WIRING_FILE'] || 'docker-compose.yml',
);

/** Every service compose runs: those the contracts declare (libs/contracts/src/services.ts). */
export const FANOUT_SERVICES = serviceNames;
/** The console (apps/console): a Kafka client without a database, which calls each service. */
export const FANOUT_CONSOLE = CONSOLE;

/** What Fanout's services and the console read (libs/messaging, libs/persistence, apps/console) and the topics they use. */
export const FANOUT_WIRING: WiringExpectations = {
  services: Object.fromEntries(
    FANOUT_SERVICES.map((name) => [name, `${name.toUpperCase()}_DATABASE_URL`]),
  ),
  // apps/console/src/console-config.ts: <SERVICE>_URL, each service's base URL.
  readers: {
    [FANOUT_CONSOLE]: Object.fromEntries(
      FANOUT_SERVICES.map((name) => [`${name.toUpperCase()}_URL`, name]),
    ),
  },
  brokersVariable: 'KAFKA_BROKERS',
  topics: topicNames.flatMap((topic) => [topic, deadLetterTopic(topic)]),
  partitions: TOPIC_PARTITIONS,
  topicConfigs: Object.fromEntries(
    topicNames.map((topic) => [
      topic,
      topicConfigEntries(topic).map(({ name, value }) => `${name}=${value}`),
    ]),
  ),
  topicJob: 'kafka-topics',
  // As `npm start -- --kafka apache` runs it (tools/kafka/src/kafka-auth).
  kafka: {
    broker: 'kafka',
    operator: OPERATOR,
    mechanism: SASL_MECHANISM,
    authorizer: 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    acls: fanoutAcls(),
  },
};
