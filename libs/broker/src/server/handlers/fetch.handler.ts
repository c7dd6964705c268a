import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import type { RecordChunks } from '../../protocol/primitives';
import { fetchApi, type FetchRequest, type FetchResponse } from '../../protocol/requests/fetch';
import type { PartitionLog } from '../../storage/log-store';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';
import { waitForSignal } from '../wait-for-signal';

type TopicResponse = FetchResponse['responses'][number];
type PartitionResponse = TopicResponse['partitions'][number];

const NO_RECORDS = Buffer.alloc(0);

const partitionResponse = (
  partitionIndex: number,
  errorCode: ErrorCode,
  highWatermark: number,
  logStartOffset: number,
  records: RecordChunks = NO_RECORDS,
): PartitionResponse => ({
  partitionIndex,
  errorCode,
  highWatermark,
  // No transactions are ever open, so everything below the high watermark is stable.
  lastStableOffset: highWatermark,
  logStartOffset,
  abortedTransactions: [],
  preferredReadReplica: -1,
  records,
});

interface ReadRound {
  response: FetchResponse;
  bytes: number;
  /** An error is answered at once, as Kafka does, rather than after the long poll. */
  hasError: boolean;
}

/**
 * Reads what the request asks for, in request order, within the response's and each
 * partition's byte limits. Stored batches are served as they are, never copied; a partition with
 * nothing new is answered without touching storage.
 */
async function readRound(
  request: FetchRequest,
  logs: (PartitionLog | undefined)[][],
  /** Per topic: true when the principal may not READ it; undefined without an authorizer. */
  refused: readonly boolean[] | undefined,
): Promise<ReadRound> {
  let budget = request.maxBytes;
  let bytes = 0;
  let hasError = false;
  const responses: TopicResponse[] = [];
  for (const [t, topic] of request.topics.entries()) {
    const partitions: PartitionResponse[] = [];
    for (const [p, wanted] of topic.partitions.entries()) {
      if (refused?.[t]) {
        hasError = true;
        partitions.push(
          partitionResponse(wanted.partition, ErrorCode.TOPIC_AUTHORIZATION_FAILED, -1, -1),
        );
        continue;
      }
      const log = logs[t]?.[p];
      if (!log) {
        hasError = true;
        partitions.push(
          partitionResponse(wanted.partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1),
        );
        continue;
      }
      const highWatermark = log.highWatermark();
      const logStartOffset = log.logStartOffset();
      const offset = wanted.fetchOffset;
      if (offset > highWatermark || offset < logStartOffset) {
        hasError = true;
        partitions.push(
          partitionResponse(
            wanted.partition,
            ErrorCode.OFFSET_OUT_OF_RANGE,
            highWatermark,
            logStartOffset,
          ),
        );
        continue;
      }
      // Once the response is full, later partitions report their offsets but no records;
      // the first batch is always served, however large, so a consumer never stalls (KIP-74).
      if (offset === highWatermark || (budget <= 0 && bytes > 0) || wanted.partitionMaxBytes <= 0) {
        partitions.push(
          partitionResponse(wanted.partition, ErrorCode.NONE, highWatermark, logStartOffset),
        );
        continue;
      }
      const read = await log.read(offset, Math.max(1, Math.min(wanted.partitionMaxBytes, budget)));
      if ('error' in read) {
        hasError = true;
        partitions.push(
          partitionResponse(
            wanted.partition,
            ErrorCode.OFFSET_OUT_OF_RANGE,
            read.highWatermark,
            read.logStartOffset,
          ),
        );
        continue;
      }
      // Several chunks are written one after another, never concatenated (see recordChunks).
      const records = read.chunks.length === 1 ? (read.chunks[0] as Buffer) : read.chunks;
      budget -= read.bytes;
      bytes += read.bytes;
      partitions.push(
        partitionResponse(
          wanted.partition,
          ErrorCode.NONE,
          read.highWatermark,
          read.logStartOffset,
          records,
        ),
      );
    }
    responses.push({ topic: topic.topic, partitions });
  }
  return {
    response: { throttleTimeMs: 0, errorCode: ErrorCode.NONE, sessionId: 0, responses },
    bytes,
    hasError,
  };
}

/**
 * Long-polls: answers once minBytes are available, an error occurred, or maxWaitMs passed.
 * Appends to any requested partition wake it; fetch sessions are not supported (sessionId 0,
 * every request names all its partitions). A topic the principal may not READ is
 * TOPIC_AUTHORIZATION_FAILED, answered at once like any error.
 */
export function fetchHandler(broker: BrokerContext) {
  return defineHandler(fetchApi, async (request, context) => {
    const deadline = Date.now() + Math.max(0, request.maxWaitMs);
    // Asked once per request, and only when there is an authorizer (Fetch is the hot path).
    const refused = broker.access.enabled
      ? request.topics.map(({ topic }) => !broker.access.topic(context, AclOperation.READ, topic))
      : undefined;
    // Looked up again after each wait: a topic deleted during the poll is then reported as gone.
    const currentLogs = () =>
      request.topics.map((topic, t) =>
        topic.partitions.map(({ partition }) =>
          refused?.[t] ? undefined : broker.store.partition(topic.topic, partition),
        ),
      );
    let logs = currentLogs();
    let appended = false;
    let wake: (() => void) | undefined;
    const onAppend = (): void => {
      appended = true;
      wake?.();
    };
    // Subscribed before the first read, so an append that lands during a read is not missed.
    const unsubscribe = logs.flat().flatMap((log) => (log ? [log.onAppend(onAppend)] : []));
    try {
      for (;;) {
        appended = false;
        const round = await readRound(request, logs, refused);
        const remaining = deadline - Date.now();
        if (round.hasError || round.bytes >= request.minBytes || remaining <= 0) {
          return round.response;
        }
        if (context.signal.aborted) return round.response;
        if (!appended) {
          await waitForSignal(remaining, context.signal, (resolve) => (wake = resolve));
          wake = undefined;
        }
        if (context.signal.aborted) return round.response;
        logs = currentLogs();
      }
    } finally {
      for (const stop of unsubscribe) stop();
    }
  });
}
