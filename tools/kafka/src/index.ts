// Apache Kafka from the pinned jars (tools/kafka/pom.xml), for tests, tools and the launcher.
export { type ApacheKafka, startApacheKafka, type StartApacheKafkaOptions } from './apache-kafka';
export { ensureKafkaJars, type EnsureKafkaJarsOptions } from './kafka-jars';
export { kafkaLibDir, pinnedKafkaVersion } from './kafka-paths';
export { type KafkaServer, type KafkaServerOptions, startKafkaServer } from './kafka-server';
export {
  isKafkaTool,
  KAFKA_TOOLS,
  type KafkaToolName,
  type KafkaToolResult,
  runKafkaTool,
  type RunKafkaToolOptions,
  spawnKafkaTool,
} from './kafka-tools';
export { type Jvm, type JvmExit, MissingPrerequisiteError } from './jvm';
// An operator's reads of a topic and a group: `npm run dlt`, the demos and the e2e probes share them.
export {
  consumerGroupLag,
  readTopicToEnd,
  type ReadTopicToEndOptions,
  type TopicRecord,
} from './topic-reading';
// SASL credentials, ACLs and topics of a Fanout broker: `npm start` and the e2e systems share them.
export { apacheKafkaAuthArgs, embeddedBrokerAuthArgs } from './kafka-auth/broker-auth-args';
export { createAclsAsOperator, createTopicsAsOperator } from './kafka-auth/create-topics';
export {
  authenticatedBrokerOf,
  type KafkaAuth,
  type KafkaCredential,
  kafkajsSasl,
  KAFKA_AUTH_DIR,
  prepareKafkaAuth,
  removeOperatorClientFiles,
  SASL_MECHANISM,
  serviceKafkaEnv,
  writeOperatorClientFiles,
} from './kafka-auth/kafka-credentials';
export {
  type AclEntry,
  CONSOLE,
  consoleAcls,
  fanoutAcls,
  fanoutTopics,
  OPERATOR,
  renderGrantsTable,
  serviceAcls,
  serviceGrants,
  type ServiceGrants,
} from './kafka-auth/service-acls';
