import {
  fetchApi,
  produceApi,
  Reader,
  Writer,
  type FetchRequest,
  type FetchResponse,
  type ProduceRequest,
} from '../../src/protocol';
import { requestFrame } from './raw-client';

/** Request bodies encoded with the broker's own codecs, for frame-level tests. */
export function produceFrame(correlationId: number, request: ProduceRequest, version = 7): Buffer {
  const writer = new Writer();
  produceApi.versions[version]?.request.write(writer, request);
  return requestFrame(produceApi.key, version, correlationId, writer.toBuffer());
}

export function fetchFrame(correlationId: number, request: FetchRequest, version = 11): Buffer {
  const writer = new Writer();
  fetchApi.versions[version]?.request.write(writer, request);
  return requestFrame(fetchApi.key, version, correlationId, writer.toBuffer());
}

/** The correlation id a response frame starts with, and a reader at its body. */
export function readResponse(frame: Buffer): { correlationId: number; body: Reader } {
  const body = new Reader(frame);
  return { correlationId: body.int32(), body };
}

/** Reads a Fetch v11 response body with the broker's own codec. */
export function decodeFetchResponse(frame: Buffer): {
  correlationId: number;
  response: FetchResponse;
} {
  const { correlationId, body } = readResponse(frame);
  const codec = fetchApi.versions[11]?.response;
  if (!codec) throw new Error('Fetch v11 is not implemented');
  return { correlationId, response: codec.read(body) as FetchResponse };
}

/** A Fetch v11 for one partition from `fetchOffset`, answering at once. */
export function fetchPartitionRequest(
  topic: string,
  partition: number,
  fetchOffset: number,
  maxWaitMs = 0,
): FetchRequest {
  return {
    replicaId: -1,
    maxWaitMs,
    minBytes: 1,
    maxBytes: 64 * 1024 * 1024,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [
      {
        topic,
        partitions: [
          {
            partition,
            currentLeaderEpoch: -1,
            fetchOffset,
            logStartOffset: -1,
            partitionMaxBytes: 64 * 1024 * 1024,
          },
        ],
      },
    ],
    forgottenTopicsData: [],
    rackId: '',
  };
}
