import {
  decodeConsumerAssignment,
  decodeConsumerSubscription,
  encodeConsumerAssignment,
  encodeConsumerSubscription,
  type ConsumerSubscription,
} from './consumer-protocol';
import { ProtocolError } from './primitives';
import {
  array,
  bytes,
  frame,
  int16,
  int32,
  nullBytes,
  nullString,
  string,
} from './requests/codec-test-kit';

const userData = Buffer.from('sticky');

const subscription: ConsumerSubscription = {
  version: 3,
  topics: ['order-events', 'payment-events'],
  userData,
  ownedPartitions: [{ topic: 'order-events', partitions: [0, 2] }],
  generationId: 5,
  rackId: 'rack-a',
};

describe('consumer protocol subscription', () => {
  it('v0 carries topics and user data, as kafkajs sends it', () => {
    const bytesV0 = frame(int16(0), array(string('order-events')), bytes(Buffer.alloc(0)));
    expect(
      encodeConsumerSubscription({
        version: 0,
        topics: ['order-events'],
        userData: Buffer.alloc(0),
      }),
    ).toEqual(bytesV0);
    expect(decodeConsumerSubscription(bytesV0)).toEqual({
      version: 0,
      topics: ['order-events'],
      userData: Buffer.alloc(0),
      ownedPartitions: [],
      generationId: -1,
      rackId: null,
    });
  });

  it('v1 adds the partitions the member owns', () => {
    const bytesV1 = frame(
      int16(1),
      array(string('order-events'), string('payment-events')),
      nullBytes,
      array(frame(string('order-events'), array(int32(0), int32(2)))),
    );
    const v1 = { ...subscription, version: 1, userData: null, generationId: -1, rackId: null };
    expect(encodeConsumerSubscription(v1)).toEqual(bytesV1);
    expect(decodeConsumerSubscription(bytesV1)).toEqual(v1);
  });

  it('v3 round-trips every field', () => {
    const encoded = encodeConsumerSubscription(subscription);
    expect(encoded).toEqual(
      frame(
        int16(3),
        array(string('order-events'), string('payment-events')),
        bytes(userData),
        array(frame(string('order-events'), array(int32(0), int32(2)))),
        int32(5),
        string('rack-a'),
      ),
    );
    expect(decodeConsumerSubscription(encoded)).toEqual(subscription);
  });

  it('reads a newer version with the newest grammar it knows, ignoring what follows', () => {
    const fromTheFuture = Buffer.concat([
      int16(9),
      encodeConsumerSubscription(subscription).subarray(2),
      Buffer.from('later-field'),
    ]);
    expect(decodeConsumerSubscription(fromTheFuture)).toEqual({ ...subscription, version: 9 });
  });

  it('refuses truncated metadata and a version it cannot encode', () => {
    const encoded = encodeConsumerSubscription(subscription);
    expect(() => decodeConsumerSubscription(encoded.subarray(0, -1))).toThrow(ProtocolError);
    expect(() => decodeConsumerSubscription(int16(-1))).toThrow(ProtocolError);
    expect(() => encodeConsumerSubscription({ version: 4, topics: [] })).toThrow(RangeError);
  });
});

describe('consumer protocol assignment', () => {
  const assignedPartitions = [
    { topic: 'order-events', partitions: [1, 3] },
    { topic: 'payment-events', partitions: [0] },
  ];

  it('matches the grammar byte for byte and round-trips', () => {
    const encoded = encodeConsumerAssignment({ version: 1, assignedPartitions, userData });
    expect(encoded).toEqual(
      frame(
        int16(1),
        array(
          frame(string('order-events'), array(int32(1), int32(3))),
          frame(string('payment-events'), array(int32(0))),
        ),
        bytes(userData),
      ),
    );
    expect(decodeConsumerAssignment(encoded)).toEqual({ version: 1, assignedPartitions, userData });
  });

  it('defaults to v0 with null user data', () => {
    const encoded = encodeConsumerAssignment({ assignedPartitions });
    expect(encoded.subarray(0, 2)).toEqual(int16(0));
    expect(encoded.subarray(-4)).toEqual(nullBytes);
    expect(decodeConsumerAssignment(encoded)).toEqual({
      version: 0,
      assignedPartitions,
      userData: null,
    });
  });

  it('reads an empty buffer as no partitions at all', () => {
    expect(decodeConsumerAssignment(Buffer.alloc(0))).toEqual({
      version: 0,
      assignedPartitions: [],
      userData: null,
    });
  });

  it('refuses a partition count the bytes cannot hold', () => {
    const hostile = frame(int16(0), int32(1), string('t'), int32(1_000_000), nullString);
    expect(() => decodeConsumerAssignment(hostile)).toThrow(ProtocolError);
  });
});
