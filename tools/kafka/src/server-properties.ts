/** The one node's id: it is both the broker and the (only) KRaft controller. */
export const NODE_ID = 1;

/** Heap as docker-compose.yml gives the kafka service (KAFKA_HEAP_OPTS). */
export const DEFAULT_HEAP_OPTS = '-Xms256m -Xmx512m';

/** A SASL_PLAINTEXT client listener (SCRAM-SHA-512) with Kafka's StandardAuthorizer. */
export interface KafkaSaslSettings {
  /**
   * The super user (`User:<name>`), for admin work; the broker also authenticates as it on its
   * own listener (inter-broker), so it must be one of the SCRAM users.
   */
  operator: { name: string; password: string };
}

export const SASL_MECHANISM = 'SCRAM-SHA-512';

export interface ServerPropertiesInput {
  /** Clients connect here (PLAINTEXT on 127.0.0.1). */
  port: number;
  /** The KRaft controller listener (127.0.0.1). */
  controllerPort: number;
  /** Kafka's log.dirs: the partitions and the metadata log, with meta.properties. */
  logDir: string;
  /** Absent: a PLAINTEXT client listener and no authorizer, Kafka's defaults. */
  sasl?: KafkaSaslSettings;
}

/**
 * server.properties for a single combined broker+controller in KRaft mode, with the settings of
 * docker-compose.yml's kafka service: topics only on purpose, 6 partitions, every replication
 * factor 1, no initial rebalance delay. The controller quorum is static (controller.quorum.voters,
 * as compose has it), so the ports may change from one start to the next on the same data.
 */
export function serverProperties(input: ServerPropertiesInput): string {
  const entries: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': NODE_ID,
    listeners: `PLAINTEXT://127.0.0.1:${input.port},CONTROLLER://127.0.0.1:${input.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${input.port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'controller.quorum.voters': `${NODE_ID}@127.0.0.1:${input.controllerPort}`,
    'log.dirs': input.logDir,
    'num.partitions': 6,
    'auto.create.topics.enable': false,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
  };
  if (input.sasl) Object.assign(entries, saslEntries(input, input.sasl));
  const lines = Object.entries(entries).map(
    ([key, value]) => `${key}=${escapeValue(String(value))}`,
  );
  return `# Written by tools/kafka on every start (edits are overwritten).\n${lines.join('\n')}\n`;
}

/**
 * Clients authenticate with SCRAM-SHA-512 on the client listener and are authorized by ACLs (a
 * resource no ACL names is denied). The KRaft controller listener authenticates too: left
 * PLAINTEXT, its requests would arrive as User:ANONYMOUS, which would have to be a super user,
 * and anyone on this machine could then add ACLs through it (`kafka-acls --bootstrap-controller`;
 * tried). KRaft cannot use SCRAM there (its credentials live in the metadata log the controller
 * serves), so the controller listener takes PLAIN with the operator as its one JAAS user, and the
 * broker logs in to its controller as the operator.
 */
function saslEntries(
  { port, controllerPort }: ServerPropertiesInput,
  sasl: KafkaSaslSettings,
): Record<string, string> {
  const { name, password } = sasl.operator;
  const login = `username="${name}" password="${password}"`;
  return {
    listeners: `SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `SASL_PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': SASL_MECHANISM,
    'sasl.mechanism.inter.broker.protocol': SASL_MECHANISM,
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required ${login};`,
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config':
      `org.apache.kafka.common.security.plain.PlainLoginModule required ${login} ` +
      `user_${name}="${password}";`,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': 'false',
    'super.users': `User:${name}`,
  };
}

/** Java properties escaping for a value: backslashes (Windows paths) and a leading space. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\ ');
}
