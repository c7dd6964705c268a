// The "consumer" protocol type's payloads: what JoinGroup metadata and SyncGroup assignments carry
// for Kafka consumers. The broker passes them through opaquely; tests, DescribeGroups output and
// the partition-ownership checks read them.
//
// ConsumerProtocolSubscription (Version: 0) => version [topics] user_data
// ConsumerProtocolSubscription (Version: 1) => version [topics] user_data [owned_partitions]
// ConsumerProtocolSubscription (Version: 2) => ... generation_id
// ConsumerProtocolSubscription (Version: 3) => ... rack_id
//   version => INT16
//   topics => STRING
//   user_data => NULLABLE_BYTES
//   owned_partitions => topic [partitions]
//     topic => STRING
//     partitions => INT32
//   generation_id => INT32
//   rack_id => NULLABLE_STRING
//
// ConsumerProtocolAssignment (Version: 0-3) => version [assigned_partitions] user_data
//   version => INT16
//   assigned_partitions => topic [partitions]
//     topic => STRING
//     partitions => INT32
//   user_data => NULLABLE_BYTES

import {
  array,
  int32,
  nullableBytes,
  nullableString,
  ProtocolError,
  Reader,
  string,
  struct,
  Writer,
  type Codec,
  type Infer,
} from './primitives';

const topicPartitions = struct({ topic: string, partitions: array(int32) });
export type TopicPartitions = Infer<typeof topicPartitions>;

const subscriptionV0Fields = { topics: array(string), userData: nullableBytes };
const subscriptionV1Fields = { ...subscriptionV0Fields, ownedPartitions: array(topicPartitions) };
const subscriptionV2Fields = { ...subscriptionV1Fields, generationId: int32 };
const subscriptionV3Fields = { ...subscriptionV2Fields, rackId: nullableString };

const subscriptionVersions: readonly Codec<Partial<ConsumerSubscription>>[] = [
  struct(subscriptionV0Fields),
  struct(subscriptionV1Fields),
  struct(subscriptionV2Fields),
  struct(subscriptionV3Fields),
];

/** The newest shape; fields a version lacks take Kafka's defaults. */
export interface ConsumerSubscription {
  version: number;
  topics: string[];
  userData: Buffer | null;
  ownedPartitions: TopicPartitions[];
  generationId: number;
  rackId: string | null;
}

const assignmentFields = struct({
  assignedPartitions: array(topicPartitions),
  userData: nullableBytes,
});

export interface ConsumerAssignment {
  version: number;
  assignedPartitions: TopicPartitions[];
  userData: Buffer | null;
}

const latestSubscriptionVersion = subscriptionVersions.length - 1;

/**
 * A version newer than this codec knows is read with the newest grammar it does know and its
 * trailing fields are ignored, as Kafka's own ConsumerProtocol does: later versions only append.
 */
function readVersion(reader: Reader): number {
  const version = reader.int16();
  if (version < 0) throw new ProtocolError(`consumer protocol version ${version}`);
  return version;
}

export function decodeConsumerSubscription(metadata: Buffer): ConsumerSubscription {
  const reader = new Reader(metadata);
  const version = readVersion(reader);
  const codec = subscriptionVersions[Math.min(version, latestSubscriptionVersion)];
  const fields = (codec as Codec<Partial<ConsumerSubscription>>).read(reader);
  return {
    version,
    topics: [],
    userData: null,
    ownedPartitions: [],
    generationId: -1,
    rackId: null,
    ...fields,
  };
}

export function encodeConsumerSubscription(
  subscription: Pick<ConsumerSubscription, 'version' | 'topics'> & Partial<ConsumerSubscription>,
): Buffer {
  const { version } = subscription;
  const codec = subscriptionVersions[version];
  if (codec === undefined) throw new RangeError(`consumer subscription v${version} is unknown`);
  const writer = new Writer();
  writer.int16(version);
  codec.write(writer, {
    userData: null,
    ownedPartitions: [],
    generationId: -1,
    rackId: null,
    ...subscription,
  });
  return writer.toBuffer();
}

/**
 * An empty buffer is what a member gets when the leader assigned it nothing at all (Kafka
 * answers SyncGroup with empty bytes for members missing from the leader's assignments).
 */
export function decodeConsumerAssignment(assignment: Buffer): ConsumerAssignment {
  if (assignment.length === 0) return { version: 0, assignedPartitions: [], userData: null };
  const reader = new Reader(assignment);
  const version = readVersion(reader);
  return { version, ...assignmentFields.read(reader) };
}

export function encodeConsumerAssignment(
  assignment: Pick<ConsumerAssignment, 'assignedPartitions'> & Partial<ConsumerAssignment>,
): Buffer {
  const { version = 0, userData = null, assignedPartitions } = assignment;
  const writer = new Writer();
  writer.int16(version);
  assignmentFields.write(writer, { assignedPartitions, userData });
  return writer.toBuffer();
}
