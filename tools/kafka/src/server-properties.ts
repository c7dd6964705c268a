/** The one node's id: it is both the broker and the (only) KRaft controller. */
export const NODE_ID = 1;

/** Heap as docker-compose.yml gives the kafka service (KAFKA_HEAP_OPTS). */
export const DEFAULT_HEAP_OPTS = '-Xms256m -Xmx512m';

export interface ServerPropertiesInput {
  /** Clients connect here (PLAINTEXT on 127.0.0.1). */
  port: number;
  /** The KRaft controller listener (127.0.0.1). */
  controllerPort: number;
  /** Kafka's log.dirs: the partitions and the metadata log, with meta.properties. */
  logDir: string;
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
  const lines = Object.entries(entries).map(
    ([key, value]) => `${key}=${escapeValue(String(value))}`,
  );
  return `# Written by tools/kafka on every start (edits are overwritten).\n${lines.join('\n')}\n`;
}

/** Java properties escaping for a value: backslashes (Windows paths) and a leading space. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/^ /, '\\ ');
}
