import type { ApiDefinition } from './api-definition';
import { apiVersionsApi } from './requests/api-versions';
import { createAclsApi } from './requests/create-acls';
import { createTopicsApi } from './requests/create-topics';
import { createPartitionsApi } from './requests/create-partitions';
import { deleteAclsApi } from './requests/delete-acls';
import { deleteTopicsApi } from './requests/delete-topics';
import { deleteGroupsApi } from './requests/delete-groups';
import { describeAclsApi } from './requests/describe-acls';
import { describeConfigsApi } from './requests/describe-configs';
import { describeGroupsApi } from './requests/describe-groups';
import { fetchApi } from './requests/fetch';
import { findCoordinatorApi } from './requests/find-coordinator';
import { heartbeatApi } from './requests/heartbeat';
import { initProducerIdApi } from './requests/init-producer-id';
import { joinGroupApi } from './requests/join-group';
import { leaveGroupApi } from './requests/leave-group';
import { listGroupsApi } from './requests/list-groups';
import { listOffsetsApi } from './requests/list-offsets';
import { metadataApi } from './requests/metadata';
import { offsetCommitApi } from './requests/offset-commit';
import { offsetFetchApi } from './requests/offset-fetch';
import { produceApi } from './requests/produce';
import { saslAuthenticateApi } from './requests/sasl-authenticate';
import { saslHandshakeApi } from './requests/sasl-handshake';
import { syncGroupApi } from './requests/sync-group';

/**
 * Every API the broker implements, by API key. ApiVersions advertises exactly this table, so
 * what is advertised is what is implemented. Each protocol module adds its entry here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const apiRegistry: ReadonlyMap<number, ApiDefinition<any, any>> = new Map<
  number,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  ApiDefinition<any, any>
>([
  [produceApi.key, produceApi],
  [fetchApi.key, fetchApi],
  [listOffsetsApi.key, listOffsetsApi],
  [metadataApi.key, metadataApi],
  [offsetCommitApi.key, offsetCommitApi],
  [offsetFetchApi.key, offsetFetchApi],
  [findCoordinatorApi.key, findCoordinatorApi],
  [joinGroupApi.key, joinGroupApi],
  [heartbeatApi.key, heartbeatApi],
  [leaveGroupApi.key, leaveGroupApi],
  [syncGroupApi.key, syncGroupApi],
  [describeGroupsApi.key, describeGroupsApi],
  [listGroupsApi.key, listGroupsApi],
  [apiVersionsApi.key, apiVersionsApi],
  [createTopicsApi.key, createTopicsApi],
  [createPartitionsApi.key, createPartitionsApi],
  [deleteTopicsApi.key, deleteTopicsApi],
  [deleteGroupsApi.key, deleteGroupsApi],
  [initProducerIdApi.key, initProducerIdApi],
  [describeConfigsApi.key, describeConfigsApi],
  [saslHandshakeApi.key, saslHandshakeApi],
  [saslAuthenticateApi.key, saslAuthenticateApi],
  [describeAclsApi.key, describeAclsApi],
  [createAclsApi.key, createAclsApi],
  [deleteAclsApi.key, deleteAclsApi],
]);
