import {
  decodeRequest,
  decodeResponse,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int64,
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import {
  initProducerIdApi,
  type InitProducerIdRequest,
  type InitProducerIdResponse,
} from './index';

const idempotent: InitProducerIdRequest = { transactionalId: null, transactionTimeoutMs: 60_000 };
const transactional: InitProducerIdRequest = { transactionalId: 'tx-1', transactionTimeoutMs: 1 };

const response: InitProducerIdResponse = {
  throttleTimeMs: 0,
  errorCode: 0,
  producerId: 4_000_000_001,
  producerEpoch: 0,
};

describe('InitProducerId codecs', () => {
  it('implements v0-1', () => {
    expect(versionsOf(initProducerIdApi)).toEqual([0, 1]);
  });

  it.each(versionsOf(initProducerIdApi))('v%i round-trips', (version) => {
    expect(requestRoundTrip(initProducerIdApi, version, idempotent)).toEqual(idempotent);
    expect(requestRoundTrip(initProducerIdApi, version, transactional)).toEqual(transactional);
    expect(responseRoundTrip(initProducerIdApi, version, response)).toEqual(response);
  });

  it('matches the grammar byte for byte', () => {
    expect(encodeRequest(initProducerIdApi, 0, idempotent)).toEqual(
      frame(nullString, int32(60_000)),
    );
    expect(decodeRequest(initProducerIdApi, 1, frame(string('tx-1'), int32(1)))).toEqual(
      transactional,
    );
    const responseBytes = frame(int32(0), int16(0), int64(4_000_000_001), int16(0));
    expect(encodeResponse(initProducerIdApi, 1, response)).toEqual(responseBytes);
    expect(decodeResponse(initProducerIdApi, 0, responseBytes)).toEqual(response);
  });
});
