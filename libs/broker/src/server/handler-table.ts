import type { BrokerContext } from './broker-context';
import {
  createAclsHandler,
  deleteAclsHandler,
  describeAclsHandler,
} from './handlers/acls.handlers';
import { apiVersionsHandler } from './handlers/api-versions.handler';
import { createTopicsHandler } from './handlers/create-topics.handler';
import { createPartitionsHandler } from './handlers/create-partitions.handler';
import { deleteGroupsHandler } from './handlers/delete-groups.handler';
import { deleteTopicsHandler } from './handlers/delete-topics.handler';
import { describeConfigsHandler } from './handlers/describe-configs.handler';
import { describeGroupsHandler } from './handlers/describe-groups.handler';
import { fetchHandler } from './handlers/fetch.handler';
import { findCoordinatorHandler } from './handlers/find-coordinator.handler';
import { heartbeatHandler } from './handlers/heartbeat.handler';
import { initProducerIdHandler } from './handlers/init-producer-id.handler';
import { joinGroupHandler } from './handlers/join-group.handler';
import { leaveGroupHandler } from './handlers/leave-group.handler';
import { listGroupsHandler } from './handlers/list-groups.handler';
import { listOffsetsHandler } from './handlers/list-offsets.handler';
import { metadataHandler } from './handlers/metadata.handler';
import { offsetCommitHandler } from './handlers/offset-commit.handler';
import { offsetFetchHandler } from './handlers/offset-fetch.handler';
import { produceHandler } from './handlers/produce.handler';
import { saslAuthenticateHandler } from './handlers/sasl-authenticate.handler';
import { saslHandshakeHandler } from './handlers/sasl-handshake.handler';
import { syncGroupHandler } from './handlers/sync-group.handler';
import type { AnyRequestHandler } from './request-handler';

/** API key → handler. ApiVersions advertises exactly this table. */
export function createHandlerTable(broker: BrokerContext): ReadonlyMap<number, AnyRequestHandler> {
  const handlers: AnyRequestHandler[] = [
    produceHandler(broker),
    fetchHandler(broker),
    listOffsetsHandler(broker),
    metadataHandler(broker),
    offsetCommitHandler(broker),
    offsetFetchHandler(broker),
    findCoordinatorHandler(broker),
    joinGroupHandler(broker),
    heartbeatHandler(broker),
    leaveGroupHandler(broker),
    syncGroupHandler(broker),
    describeGroupsHandler(broker),
    deleteGroupsHandler(broker),
    listGroupsHandler(broker),
    createTopicsHandler(broker),
    createPartitionsHandler(broker),
    deleteTopicsHandler(broker),
    initProducerIdHandler(broker),
    describeConfigsHandler(broker),
    saslHandshakeHandler(),
    saslAuthenticateHandler(),
    describeAclsHandler(broker),
    createAclsHandler(broker),
    deleteAclsHandler(broker),
  ];
  const table = new Map<number, AnyRequestHandler>(handlers.map((h) => [h.api.key, h]));
  const apiVersions = apiVersionsHandler(table);
  table.set(apiVersions.api.key, apiVersions);
  return table;
}
