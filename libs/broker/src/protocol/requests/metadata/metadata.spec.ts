import {
  array,
  decodeRequest,
  encodeRequest,
  encodeResponse,
  frame,
  int16,
  int32,
  int8,
  nullString,
  requestRoundTrip,
  responseRoundTrip,
  string,
  versionsOf,
} from '../codec-test-kit';
import { metadataApi, type MetadataRequest, type MetadataResponse } from './index';

const request: MetadataRequest = {
  topics: [{ name: 'orders' }, { name: 'payments' }],
  allowAutoTopicCreation: false,
};

const response: MetadataResponse = {
  throttleTimeMs: 0,
  brokers: [{ nodeId: 1, host: '127.0.0.1', port: 9092, rack: null }],
  clusterId: 'fanout',
  controllerId: 1,
  topics: [
    {
      errorCode: 0,
      name: 'orders',
      isInternal: false,
      partitions: [
        {
          errorCode: 0,
          partitionIndex: 0,
          leaderId: 1,
          replicaNodes: [1],
          isrNodes: [1],
          offlineReplicas: [],
        },
      ],
    },
  ],
};

function responseAsDecoded(version: number): unknown {
  const { throttleTimeMs, clusterId, ...rest } = response;
  return {
    ...(version >= 3 ? { throttleTimeMs } : {}),
    ...rest,
    ...(version >= 2 ? { clusterId } : {}),
    topics: response.topics.map((topic) => ({
      ...topic,
      partitions: topic.partitions.map(({ offlineReplicas, ...partition }) =>
        version >= 5 ? { ...partition, offlineReplicas } : partition,
      ),
    })),
  };
}

describe('Metadata codecs', () => {
  it('implements v1-6', () => {
    expect(versionsOf(metadataApi)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(versionsOf(metadataApi))('v%i request round-trips', (version) => {
    expect(requestRoundTrip(metadataApi, version, request)).toEqual({
      ...request,
      // Before v4 the field is not on the wire and the broker auto-creates.
      allowAutoTopicCreation: version >= 4 ? false : true,
    });
  });

  it.each(versionsOf(metadataApi))(
    'v%i request carries a null topic list (all topics)',
    (version) => {
      const all = { topics: null, allowAutoTopicCreation: true };
      expect(requestRoundTrip(metadataApi, version, all)).toEqual(all);
    },
  );

  it.each(versionsOf(metadataApi))('v%i response round-trips', (version) => {
    expect(responseRoundTrip(metadataApi, version, response)).toEqual(responseAsDecoded(version));
  });

  it('requests match the grammar byte for byte', () => {
    const topics = array(string('orders'), string('payments'));
    expect(encodeRequest(metadataApi, 1, request)).toEqual(topics);
    expect(encodeRequest(metadataApi, 4, request)).toEqual(frame(topics, int8(0)));
    expect(decodeRequest(metadataApi, 4, frame(int32(-1), int8(1)))).toEqual({
      topics: null,
      allowAutoTopicCreation: true,
    });
  });

  it('responses match the grammar byte for byte', () => {
    const brokers = array(frame(int32(1), string('127.0.0.1'), int32(9092), nullString));
    const partition = frame(int16(0), int32(0), int32(1), array(int32(1)), array(int32(1)));
    const topics = (partitionBytes: Buffer): Buffer =>
      array(frame(int16(0), string('orders'), int8(0), array(partitionBytes)));
    expect(encodeResponse(metadataApi, 1, response)).toEqual(
      frame(brokers, int32(1), topics(partition)),
    );
    expect(encodeResponse(metadataApi, 2, response)).toEqual(
      frame(brokers, string('fanout'), int32(1), topics(partition)),
    );
    expect(encodeResponse(metadataApi, 6, response)).toEqual(
      frame(int32(0), brokers, string('fanout'), int32(1), topics(frame(partition, array()))),
    );
  });
});
