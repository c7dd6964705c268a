import {
  fetchApi,
  produceApi,
  Reader,
  Writer,
  type ApiDefinition,
  type FetchRequest,
  type FetchResponse,
  type ProduceRequest,
} from '../../src/protocol';
import { requestFrame } from './raw-client';

/** A request encoded with the broker's own codec for `version`, for frame-level tests. */
export function apiRequestFrame<Req>(
  api: ApiDefinition<Req, unknown>,
  version: number,
  correlationId: number,
  request: Req,
): Buffer {
  const codec = api.versions[version]?.request;
  if (!codec) throw new Error(`${api.name} v${version} is not implemented`);
  const writer = new Writer();
  codec.write(writer, request);
  return requestFrame(api.key, version, correlationId, writer.toBuffer());
}

export function produceFrame(correlationId: number, request: ProduceRequest, version = 7): Buffer {
  return apiRequestFrame(produceApi, version, correlationId, request);
}

export function fetchFrame(correlationId: number, request: FetchRequest, version = 11): Buffer {
  return apiRequestFrame(fetchApi, version, correlationId, request);
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
