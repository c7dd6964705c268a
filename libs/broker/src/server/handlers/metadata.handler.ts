import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { metadataApi, type MetadataResponse } from '../../protocol/requests/metadata';
import type { TopicInfo } from '../../storage/log-store';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

type TopicMetadata = MetadataResponse['topics'][number];

function describeTopic(topic: TopicInfo, nodeId: number): TopicMetadata {
  const partitions = new Array<TopicMetadata['partitions'][number]>(topic.partitions);
  for (let partition = 0; partition < topic.partitions; partition++) {
    partitions[partition] = {
      errorCode: ErrorCode.NONE,
      partitionIndex: partition,
      leaderId: nodeId,
      replicaNodes: [nodeId],
      isrNodes: [nodeId],
      offlineReplicas: [],
    };
  }
  return { errorCode: ErrorCode.NONE, name: topic.name, isInternal: false, partitions };
}

const failedTopic = (name: string, errorCode: ErrorCode): TopicMetadata => ({
  errorCode,
  name,
  isInternal: false,
  partitions: [],
});

/**
 * Describes this one-node cluster. Requested topics that do not exist are created when the
 * client allows it (v4+ says so; older versions always do) and the broker is configured to.
 * As in Kafka, topics the principal may not DESCRIBE are left out of an all-topics answer and
 * are TOPIC_AUTHORIZATION_FAILED when named (whether they exist or not); creating a missing one
 * needs CREATE on the cluster or the topic, else it is TOPIC_AUTHORIZATION_FAILED too.
 */
export function metadataHandler(broker: BrokerContext) {
  return defineHandler(metadataApi, async (request, context) => {
    const node = broker.node();
    const mayCreate =
      broker.config.autoCreateTopics && (context.apiVersion < 4 || request.allowAutoTopicCreation);
    let topics: TopicMetadata[];
    if (request.topics === null) {
      topics = broker.store
        .topics()
        .filter((topic) => broker.access.topic(context, AclOperation.DESCRIBE, topic.name))
        .map((topic) => describeTopic(topic, node.nodeId));
    } else {
      topics = await Promise.all(
        request.topics.map(async ({ name }): Promise<TopicMetadata> => {
          if (!broker.access.topic(context, AclOperation.DESCRIBE, name)) {
            return failedTopic(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED);
          }
          const existing = broker.store.topic(name);
          if (existing) return describeTopic(existing, node.nodeId);
          if (broker.topics.nameProblem(name)) {
            return failedTopic(name, ErrorCode.INVALID_TOPIC_EXCEPTION);
          }
          if (!mayCreate) return failedTopic(name, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
          if (!broker.access.mayCreateTopic(context, name)) {
            return failedTopic(name, ErrorCode.TOPIC_AUTHORIZATION_FAILED);
          }
          const created = await broker.topics.ensure(name);
          return 'errorCode' in created
            ? failedTopic(name, created.errorCode)
            : describeTopic(created, node.nodeId);
        }),
      );
    }
    return {
      throttleTimeMs: 0,
      brokers: [{ nodeId: node.nodeId, host: node.host, port: node.port, rack: null }],
      clusterId: broker.clusterId,
      controllerId: node.nodeId,
      topics,
    };
  });
}
