import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AclOperation,
  AclPatternType,
  AclPermissionType,
  AclResourceType,
} from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import type { AclBinding } from '../../security/acl';
import { AclAuthorizer } from '../../security/authorizer';
import { Access } from '../access';
import type { BrokerContext } from '../broker-context';
import type { RequestContext } from '../request-handler';
import { deleteGroupsHandler } from './delete-groups.handler';
import { fetchHandler } from './fetch.handler';
import { offsetCommitHandler } from './offset-commit.handler';
import { offsetFetchHandler } from './offset-fetch.handler';

// Per-topic and per-group refusals of the handlers that split a request into allowed and refused
// parts, against a coordinator and a store that record what reaches them.

const allow = (
  resourceType: AclResourceType,
  resourceName: string,
  operation: AclOperation,
): AclBinding => ({
  resourceType,
  resourceName,
  patternType: AclPatternType.LITERAL,
  principal: 'User:alice',
  host: '*',
  operation,
  permissionType: AclPermissionType.ALLOW,
});

const context = {
  apiKey: 0,
  apiVersion: 0,
  correlationId: 1,
  clientId: null,
  clientHost: '127.0.0.1',
  signal: new AbortController().signal,
  principal: 'User:alice',
  sasl: undefined,
} satisfies RequestContext;

describe('per-topic and per-group authorization', () => {
  let dataDir: string;
  let access: Access;
  const committed: unknown[] = [];
  const fetched: unknown[] = [];
  const deleted: string[][] = [];
  const partitionsLookedUp: string[] = [];

  const broker = () =>
    ({
      access,
      coordinator: {
        commitOffsets: async (request: {
          offsets: { topic: string; partition: number; offset: number }[];
        }) => {
          committed.push(request.offsets.map(({ topic, partition }) => `${topic}-${partition}`));
          return request.offsets.map(({ topic, partition }) => ({
            topic,
            partition,
            errorCode: ErrorCode.NONE,
          }));
        },
        fetchOffsets: (_group: string, topics: unknown) => {
          fetched.push(topics);
          return [
            { topic: 'open', partition: 0, offset: 5, metadata: '', errorCode: ErrorCode.NONE },
            { topic: 'closed', partition: 0, offset: 7, metadata: '', errorCode: ErrorCode.NONE },
          ].filter(
            ({ topic }) =>
              topics === null || (topics as { topic: string }[]).some((t) => t.topic === topic),
          );
        },
        deleteGroups: async (groups: string[]) => {
          deleted.push(groups);
          return groups.map((groupId) => ({ groupId, errorCode: ErrorCode.NONE }));
        },
      },
      store: {
        partition: (topic: string) => {
          partitionsLookedUp.push(topic);
          return undefined;
        },
      },
    }) as unknown as BrokerContext;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'handler-acl-'));
    committed.length = fetched.length = deleted.length = partitionsLookedUp.length = 0;
    access = new Access(
      await AclAuthorizer.open({ dataDir }, [
        allow(AclResourceType.GROUP, 'g', AclOperation.READ),
        allow(AclResourceType.GROUP, 'mine', AclOperation.DELETE),
        allow(AclResourceType.TOPIC, 'open', AclOperation.READ),
      ]),
    );
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('Fetch: a topic without READ is TOPIC_AUTHORIZATION_FAILED and never looked up', async () => {
    const response = await fetchHandler(broker()).handle(
      {
        replicaId: -1,
        maxWaitMs: 0,
        minBytes: 1,
        maxBytes: 1024,
        isolationLevel: 0,
        sessionId: 0,
        sessionEpoch: -1,
        topics: ['closed', 'open'].map((topic) => ({
          topic,
          partitions: [
            {
              partition: 0,
              currentLeaderEpoch: -1,
              fetchOffset: 0,
              logStartOffset: -1,
              partitionMaxBytes: 1024,
            },
          ],
        })),
        forgottenTopicsData: [],
        rackId: '',
      },
      context,
    );
    expect(
      (
        response as { responses: { topic: string; partitions: { errorCode: number }[] }[] }
      ).responses.map(({ topic, partitions }) => [topic, partitions[0]?.errorCode]),
    ).toEqual([
      ['closed', ErrorCode.TOPIC_AUTHORIZATION_FAILED],
      ['open', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION],
    ]);
    expect(partitionsLookedUp).toEqual(['open']);
  });

  it('OffsetCommit: commits only the readable topics, refuses the others', async () => {
    const response = await offsetCommitHandler(broker()).handle(
      {
        groupId: 'g',
        generationId: 1,
        memberId: 'm',
        retentionTimeMs: -1,
        topics: ['closed', 'open'].map((name) => ({
          name,
          partitions: [{ partitionIndex: 0, committedOffset: 3, committedMetadata: null }],
        })),
      },
      context,
    );
    expect(committed).toEqual([['open-0']]);
    expect(response).toEqual({
      throttleTimeMs: 0,
      topics: [
        { name: 'open', partitions: [{ partitionIndex: 0, errorCode: ErrorCode.NONE }] },
        {
          name: 'closed',
          partitions: [{ partitionIndex: 0, errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED }],
        },
      ],
    });
  });

  it('OffsetFetch: named topics without DESCRIBE are refused, left out of "all topics"', async () => {
    const handler = offsetFetchHandler(broker());
    const named = await handler.handle(
      {
        groupId: 'g',
        topics: ['closed', 'open'].map((name) => ({ name, partitionIndexes: [0] })),
      },
      context,
    );
    expect(fetched).toEqual([[{ topic: 'open', partitions: [0] }]]);
    expect(named).toEqual({
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      topics: [
        {
          name: 'closed',
          partitions: [
            {
              partitionIndex: 0,
              committedOffset: -1,
              metadata: '',
              errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
            },
          ],
        },
        {
          name: 'open',
          partitions: [
            { partitionIndex: 0, committedOffset: 5, metadata: '', errorCode: ErrorCode.NONE },
          ],
        },
      ],
    });
    const all = await handler.handle({ groupId: 'g', topics: null }, context);
    expect((all as { topics: { name: string }[] }).topics.map(({ name }) => name)).toEqual([
      'open',
    ]);
  });

  it('DeleteGroups: deletes the groups it may DELETE, refuses the others', async () => {
    const response = await deleteGroupsHandler(broker()).handle(
      { groupsNames: ['theirs', 'mine'] },
      context,
    );
    expect(deleted).toEqual([['mine']]);
    expect(response).toEqual({
      throttleTimeMs: 0,
      results: [
        { groupId: 'mine', errorCode: ErrorCode.NONE },
        { groupId: 'theirs', errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED },
      ],
    });
  });

  it('without an authorizer refuses nothing', async () => {
    access = new Access(undefined);
    await deleteGroupsHandler(broker()).handle({ groupsNames: ['theirs', 'mine'] }, context);
    await offsetCommitHandler(broker()).handle(
      {
        groupId: 'other',
        generationId: 1,
        memberId: 'm',
        retentionTimeMs: -1,
        topics: [
          {
            name: 'closed',
            partitions: [{ partitionIndex: 0, committedOffset: 1, committedMetadata: null }],
          },
        ],
      },
      context,
    );
    expect(deleted).toEqual([['theirs', 'mine']]);
    expect(committed).toEqual([['closed-0']]);
  });
});
