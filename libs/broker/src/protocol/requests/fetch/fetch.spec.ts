import { ProtocolError, Writer } from '../../primitives';
import {
  array,
  bytes,
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int64,
  int8,
  nullBytes,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { fetchApi, type FetchRequest, type FetchResponse } from './index';

const request: FetchRequest = {
  replicaId: -1,
  maxWaitMs: 5000,
  minBytes: 1,
  maxBytes: 10_485_760,
  isolationLevel: 1,
  sessionId: 7,
  sessionEpoch: 3,
  topics: [
    {
      topic: 'orders',
      partitions: [
        {
          partition: 2,
          currentLeaderEpoch: 5,
          fetchOffset: 42,
          logStartOffset: 10,
          partitionMaxBytes: 1_048_576,
        },
      ],
    },
  ],
  forgottenTopicsData: [{ topic: 'old', partitions: [0, 1] }],
  rackId: 'rack-a',
};

/** What the broker sees when `request` arrives in `version`: newer fields at their defaults. */
function requestAsDecoded(version: number): FetchRequest {
  const partition = request.topics[0].partitions[0];
  return {
    ...request,
    sessionId: version >= 7 ? 7 : 0,
    sessionEpoch: version >= 7 ? 3 : -1,
    topics: [
      {
        topic: 'orders',
        partitions: [
          {
            ...partition,
            currentLeaderEpoch: version >= 9 ? 5 : -1,
            logStartOffset: version >= 5 ? 10 : -1,
          },
        ],
      },
    ],
    forgottenTopicsData: version >= 7 ? request.forgottenTopicsData : [],
    rackId: version >= 11 ? 'rack-a' : '',
  };
}

const batchBytes = Buffer.from('0123456789abcdef', 'hex');

const response: FetchResponse = {
  throttleTimeMs: 0,
  errorCode: 0,
  sessionId: 7,
  responses: [
    {
      topic: 'orders',
      partitions: [
        {
          partitionIndex: 2,
          errorCode: 0,
          highWatermark: 50,
          lastStableOffset: 49,
          logStartOffset: 10,
          abortedTransactions: [{ producerId: 9, firstOffset: 44 }],
          preferredReadReplica: -1,
          records: batchBytes,
        },
        {
          partitionIndex: 3,
          errorCode: 1,
          highWatermark: 0,
          lastStableOffset: 0,
          logStartOffset: 0,
          abortedTransactions: null,
          preferredReadReplica: -1,
          records: null,
        },
      ],
    },
  ],
};

/** `response` cut to its first partition, holding `records` instead. */
function withRecords(records: Buffer | Buffer[]): FetchResponse {
  const [partition] = response.responses[0].partitions;
  return { ...response, responses: [{ topic: 'orders', partitions: [{ ...partition, records }] }] };
}

/** `response` as an older client reads it: only the fields its version carries. */
function responseAsDecoded(version: number): unknown {
  return {
    throttleTimeMs: 0,
    ...(version >= 7 ? { errorCode: 0, sessionId: 7 } : {}),
    responses: [
      {
        topic: 'orders',
        partitions: response.responses[0].partitions.map(
          ({ logStartOffset, preferredReadReplica, ...partition }) => ({
            ...partition,
            ...(version >= 5 ? { logStartOffset } : {}),
            ...(version >= 11 ? { preferredReadReplica } : {}),
          }),
        ),
      },
    ],
  };
}

describe('Fetch codecs', () => {
  it('implements v4-11', () => {
    expect(versionsOf(fetchApi)).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it.each(versionsOf(fetchApi))('v%i request round-trips to the newest shape', (version) => {
    expect(requestRoundTrip(fetchApi, version, request)).toEqual(requestAsDecoded(version));
  });

  it.each(versionsOf(fetchApi))('v%i response round-trips', (version) => {
    expect(responseRoundTrip(fetchApi, version, response)).toEqual(responseAsDecoded(version));
  });

  it('v4 request matches the grammar byte for byte', () => {
    const golden = frame(
      int32(-1),
      int32(5000),
      int32(1),
      int32(10_485_760),
      int8(1),
      array(frame(string('orders'), array(frame(int32(2), int64(42), int32(1_048_576))))),
    );
    expect(encodeRequest(fetchApi, 4, request)).toEqual(golden);
    expect(decodeRequest(fetchApi, 4, golden)).toEqual(requestAsDecoded(4));
  });

  it('v11 request matches the grammar byte for byte', () => {
    const golden = frame(
      int32(-1),
      int32(5000),
      int32(1),
      int32(10_485_760),
      int8(1),
      int32(7),
      int32(3),
      array(
        frame(
          string('orders'),
          array(frame(int32(2), int32(5), int64(42), int64(10), int32(1_048_576))),
        ),
      ),
      array(frame(string('old'), array(int32(0), int32(1)))),
      string('rack-a'),
    );
    expect(encodeRequest(fetchApi, 11, request)).toEqual(golden);
    expect(decodeRequest(fetchApi, 11, golden)).toEqual(request);
  });

  it('v11 response matches the grammar byte for byte', () => {
    const golden = frame(
      int32(0),
      int16(0),
      int32(7),
      array(
        frame(
          string('orders'),
          array(
            frame(
              int32(2),
              int16(0),
              int64(50),
              int64(49),
              int64(10),
              array(frame(int64(9), int64(44))),
              int32(-1),
              bytes(batchBytes),
            ),
            frame(
              int32(3),
              int16(1),
              int64(0),
              int64(0),
              int64(0),
              int32(-1), // null aborted transactions
              int32(-1),
              nullBytes,
            ),
          ),
        ),
      ),
    );
    expect(encodeResponse(fetchApi, 11, response)).toEqual(golden);
    expect(decodeResponse(fetchApi, 11, golden)).toEqual(response);
  });

  it('v4 response matches the grammar byte for byte', () => {
    const golden = frame(
      int32(0),
      array(
        frame(
          string('orders'),
          array(
            frame(
              int32(2),
              int16(0),
              int64(50),
              int64(49),
              array(frame(int64(9), int64(44))),
              bytes(batchBytes),
            ),
            frame(int32(3), int16(1), int64(0), int64(0), int32(-1), nullBytes),
          ),
        ),
      ),
    );
    expect(encodeResponse(fetchApi, 4, response)).toEqual(golden);
  });

  it('attaches large record batches to the response without copying them', () => {
    const stored = Buffer.alloc(64 * 1024, 7);
    const writer = new Writer();
    fetchApi.encodeResponse(11, writer, withRecords(stored));
    expect(writer.chunks()).toContain(stored);
  });

  it('writes records held in several stored pieces as one size-prefixed run, copying none', () => {
    const pieces = [Buffer.alloc(8 * 1024, 1), Buffer.alloc(100, 2), Buffer.alloc(6 * 1024, 3)];
    const writer = new Writer();
    fetchApi.encodeResponse(11, writer, withRecords(pieces));
    const encoded = Buffer.concat(writer.chunks());

    expect(encoded).toEqual(encodeResponse(fetchApi, 11, withRecords(Buffer.concat(pieces))));
    expect(writer.chunks()).toContain(pieces[0]);
    expect(writer.chunks()).toContain(pieces[2]);
    expect(decodeResponse(fetchApi, 11, encoded)).toEqual(withRecords(Buffer.concat(pieces)));
  });

  it('refuses a partition count the frame cannot hold', () => {
    const hostile = frame(
      int32(-1),
      int32(5000),
      int32(1),
      int32(1024),
      int8(0),
      array(frame(string('orders'), int32(0x7fffffff))),
    );
    expect(() => decodeRequest(fetchApi, 4, hostile)).toThrow(ProtocolError);
  });
});
