import { Writer } from '../../src/protocol';
import type { ApiDefinition } from '../../src/protocol/api-definition';
import { apiVersionsApi } from '../../src/protocol/requests/api-versions';
import { describeGroupsApi } from '../../src/protocol/requests/describe-groups';
import { findCoordinatorApi } from '../../src/protocol/requests/find-coordinator';
import { heartbeatApi } from '../../src/protocol/requests/heartbeat';
import { joinGroupApi } from '../../src/protocol/requests/join-group';
import { listGroupsApi } from '../../src/protocol/requests/list-groups';
import { listOffsetsApi } from '../../src/protocol/requests/list-offsets';
import { metadataApi } from '../../src/protocol/requests/metadata';
import { offsetCommitApi } from '../../src/protocol/requests/offset-commit';
import { offsetFetchApi } from '../../src/protocol/requests/offset-fetch';
import { produceApi } from '../../src/protocol/requests/produce';
import { buildBatch } from '../../src/record/testing/record-batch-builder';
import { requestFrame } from './raw-client';
import { fetchFrame, fetchPartitionRequest } from './requests';

function encode<Req>(api: ApiDefinition<Req, unknown>, version: number, request: Req): Buffer {
  const writer = new Writer();
  api.versions[version]?.request.write(writer, request);
  return requestFrame(api.key, version, 1, writer.toBuffer());
}

/** Valid request frames (without size prefix) across the APIs, as fuzzing seeds. */
export function seedRequests(topic: string): Buffer[] {
  return [
    encode(apiVersionsApi, 2, {}),
    encode(metadataApi, 6, { topics: [{ name: topic }], allowAutoTopicCreation: true }),
    encode(metadataApi, 1, { topics: null, allowAutoTopicCreation: true }),
    encode(produceApi, 7, {
      transactionalId: null,
      acks: 1,
      timeoutMs: 1000,
      topicData: [
        {
          name: topic,
          partitionData: [
            {
              index: 0,
              records: buildBatch({ records: [{ key: 'k', value: 'v', headers: { h: 'x' } }] }),
            },
          ],
        },
      ],
    }),
    fetchFrame(1, fetchPartitionRequest(topic, 0, 0, 20)),
    encode(listOffsetsApi, 3, {
      replicaId: -1,
      isolationLevel: 0,
      topics: [{ name: topic, partitions: [{ partitionIndex: 0, timestamp: -1 }] }],
    }),
    encode(findCoordinatorApi, 2, { key: 'fuzz-group', keyType: 0 }),
    encode(joinGroupApi, 5, {
      groupId: 'fuzz-group',
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 6000,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]) }],
    }),
    encode(heartbeatApi, 3, {
      groupId: 'fuzz-group',
      generationId: 1,
      memberId: 'm',
      groupInstanceId: null,
    }),
    encode(offsetCommitApi, 5, {
      groupId: 'fuzz-group',
      generationId: -1,
      memberId: '',
      retentionTimeMs: -1,
      topics: [
        {
          name: topic,
          partitions: [{ partitionIndex: 0, committedOffset: 0, committedMetadata: null }],
        },
      ],
    }),
    encode(offsetFetchApi, 4, {
      groupId: 'fuzz-group',
      topics: [{ name: topic, partitionIndexes: [0] }],
    }),
    encode(describeGroupsApi, 2, { groups: ['fuzz-group'] }),
    encode(listGroupsApi, 2, {}),
  ];
}
