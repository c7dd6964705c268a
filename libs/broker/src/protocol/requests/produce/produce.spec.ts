import { ProtocolError } from '../../primitives';
import {
  array,
  bytes,
  decodeRequest,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int64,
  nullBytes,
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { produceApi, type ProduceRequest, type ProduceResponse } from './index';

const batchBytes = Buffer.from('00000000000000000000003c', 'hex');

const request: ProduceRequest = {
  transactionalId: null,
  acks: -1,
  timeoutMs: 30_000,
  topicData: [
    {
      name: 'orders',
      partitionData: [
        { index: 0, records: batchBytes },
        { index: 1, records: null },
      ],
    },
  ],
};

const response: ProduceResponse = {
  responses: [
    {
      name: 'orders',
      partitionResponses: [
        { index: 0, errorCode: 0, baseOffset: 120, logAppendTimeMs: -1, logStartOffset: 0 },
        { index: 1, errorCode: 2, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1 },
      ],
    },
  ],
  throttleTimeMs: 0,
};

function responseAsDecoded(version: number): unknown {
  return {
    ...response,
    responses: response.responses.map((topic) => ({
      ...topic,
      partitionResponses: topic.partitionResponses.map(({ logStartOffset, ...partition }) =>
        version >= 5 ? { ...partition, logStartOffset } : partition,
      ),
    })),
  };
}

const requestBytes = frame(
  nullString,
  int16(-1),
  int32(30_000),
  array(
    frame(string('orders'), array(frame(int32(0), bytes(batchBytes)), frame(int32(1), nullBytes))),
  ),
);

describe('Produce codecs', () => {
  it('implements v3-7', () => {
    expect(versionsOf(produceApi)).toEqual([3, 4, 5, 6, 7]);
  });

  it.each(versionsOf(produceApi))('v%i request round-trips', (version) => {
    expect(requestRoundTrip(produceApi, version, request)).toEqual(request);
    expect(requestRoundTrip(produceApi, version, { ...request, transactionalId: 'tx-1' })).toEqual({
      ...request,
      transactionalId: 'tx-1',
    });
  });

  it.each(versionsOf(produceApi))('v%i response round-trips', (version) => {
    expect(responseRoundTrip(produceApi, version, response)).toEqual(responseAsDecoded(version));
  });

  it.each(versionsOf(produceApi))('v%i request matches the grammar byte for byte', (version) => {
    expect(encodeRequest(produceApi, version, request)).toEqual(requestBytes);
    expect(decodeRequest(produceApi, version, requestBytes)).toEqual(request);
  });

  it('responses match the grammar byte for byte', () => {
    const partitions = (withLogStart: boolean): Buffer =>
      array(
        frame(int32(0), int16(0), int64(120), int64(-1), ...(withLogStart ? [int64(0)] : [])),
        frame(int32(1), int16(2), int64(-1), int64(-1), ...(withLogStart ? [int64(-1)] : [])),
      );
    const v3 = frame(array(frame(string('orders'), partitions(false))), int32(0));
    const v7 = frame(array(frame(string('orders'), partitions(true))), int32(0));
    expect(encodeResponse(produceApi, 3, response)).toEqual(v3);
    expect(encodeResponse(produceApi, 7, response)).toEqual(v7);
  });

  it('keeps the records as a slice of the request frame, not a copy', () => {
    const decoded = decodeRequest(produceApi, 7, requestBytes);
    const records = decoded.topicData[0].partitionData[0].records;
    expect(records?.buffer).toBe(requestBytes.buffer);
    expect(records?.byteOffset).toBe(requestBytes.byteOffset + requestBytes.indexOf(batchBytes));
  });

  it('refuses a records length beyond the frame', () => {
    const hostile = frame(
      nullString,
      int16(1),
      int32(30_000),
      array(frame(string('orders'), array(frame(int32(0), int32(1_000_000), batchBytes)))),
    );
    expect(() => decodeRequest(produceApi, 7, hostile)).toThrow(ProtocolError);
  });
});
