import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import {
  produceApi,
  type ProduceRequest,
  type ProduceResponse,
} from '../../protocol/requests/produce';
import type { AppendError, AppendResult, PartitionLog } from '../../storage/log-store';
import type { BrokerContext } from '../broker-context';
import {
  CloseConnection,
  NO_RESPONSE,
  defineHandler,
  type RequestContext,
} from '../request-handler';

type TopicResponse = ProduceResponse['responses'][number];
type PartitionResponse = TopicResponse['partitionResponses'][number];
type TopicData = ProduceRequest['topicData'][number];

const appendErrorCodes: Record<AppendError, ErrorCode> = {
  CORRUPT_MESSAGE: ErrorCode.CORRUPT_MESSAGE,
  OUT_OF_ORDER_SEQUENCE_NUMBER: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
  INVALID_PRODUCER_EPOCH: ErrorCode.INVALID_PRODUCER_EPOCH,
  UNKNOWN_PRODUCER_ID: ErrorCode.UNKNOWN_PRODUCER_ID,
};

const failed = (index: number, errorCode: ErrorCode): PartitionResponse => ({
  index,
  errorCode,
  baseOffset: -1,
  logAppendTimeMs: -1,
  logStartOffset: -1,
});

function appended(index: number, result: AppendResult | { error: AppendError }): PartitionResponse {
  if ('error' in result) return failed(index, appendErrorCodes[result.error]);
  return {
    index,
    errorCode: ErrorCode.NONE,
    baseOffset: result.baseOffset,
    logAppendTimeMs: -1, // CreateTime: the producer's timestamps are kept
    logStartOffset: result.logStartOffset,
  };
}

/** `topic/partition: ERROR_NAME` for each partition that was not appended, or undefined. */
function partitionFailures(responses: TopicResponse[]): string | undefined {
  const failures = responses.flatMap(({ name, partitionResponses }) =>
    partitionResponses
      .filter(({ errorCode }) => errorCode !== ErrorCode.NONE)
      .map(({ index, errorCode }) => `${name}/${index}: ${ErrorCode[errorCode] ?? errorCode}`),
  );
  return failures.length > 0 ? failures.join(', ') : undefined;
}

/**
 * Appends each partition's batches as the client sent them (storage validates and assigns
 * offsets) and answers once every append is stored. Appends to existing topics start
 * synchronously, in the order requests arrived on the connection, so pipelined requests keep
 * their order. A storage failure rejects: the connection closes without acknowledging. With
 * acks = 0 there is no response, and a partition that failed closes the connection instead.
 * A topic the principal may not WRITE is TOPIC_AUTHORIZATION_FAILED; creating one on first use
 * also needs CREATE (on the cluster or the topic), as auto-creation does in Kafka's Metadata.
 */
export function produceHandler(broker: BrokerContext) {
  const appendTopic = (
    topic: TopicData,
    log: (partition: number) => PartitionLog | undefined,
  ): Promise<PartitionResponse>[] =>
    topic.partitionData.map(({ index, records }) => {
      const partition = log(index);
      if (!partition) return Promise.resolve(failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
      if (records === null || records.length === 0) {
        return Promise.resolve(failed(index, ErrorCode.CORRUPT_MESSAGE));
      }
      return partition.append(records).then((result) => appended(index, result));
    });

  const produceToTopic = async (
    topic: TopicData,
    context: RequestContext,
  ): Promise<TopicResponse> => {
    const fail = (errorCode: ErrorCode): TopicResponse => ({
      name: topic.name,
      partitionResponses: topic.partitionData.map(({ index }) => failed(index, errorCode)),
    });
    const partitionOf = (index: number) => broker.store.partition(topic.name, index);
    if (!broker.access.topic(context, AclOperation.WRITE, topic.name)) {
      return fail(ErrorCode.TOPIC_AUTHORIZATION_FAILED);
    }
    if (!broker.store.topic(topic.name)) {
      if (!broker.config.autoCreateTopics || !broker.access.mayCreateTopic(context, topic.name)) {
        return fail(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
      }
      const created = await broker.topics.ensure(topic.name);
      if ('errorCode' in created) return fail(created.errorCode);
    }
    return {
      name: topic.name,
      partitionResponses: await Promise.all(appendTopic(topic, partitionOf)),
    };
  };

  return defineHandler(produceApi, async (request, context) => {
    const { acks } = request;
    if (acks !== 0 && acks !== 1 && acks !== -1) {
      return {
        responses: request.topicData.map((topic) => ({
          name: topic.name,
          partitionResponses: topic.partitionData.map(({ index }) =>
            failed(index, ErrorCode.INVALID_REQUIRED_ACKS),
          ),
        })),
        throttleTimeMs: 0,
      };
    }
    // Every topic starts appending before anything is awaited.
    const responses = await Promise.all(
      request.topicData.map((topic) => produceToTopic(topic, context)),
    );
    if (acks !== 0) return { responses, throttleTimeMs: 0 };
    // acks = 0 still finishes its appends before the request counts as handled, so a later
    // response on the connection (and the broker's shutdown) comes after them, as in Kafka.
    const failures = partitionFailures(responses);
    return failures ? new CloseConnection(`acks=0 produce failed: ${failures}`) : NO_RESPONSE;
  });
}
