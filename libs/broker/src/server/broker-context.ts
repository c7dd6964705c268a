import type { BrokerConfig } from '../config';
import type { GroupCoordinator } from '../coordinator/group-coordinator';
import type { LogStore } from '../storage/log-store';
import type { Access } from './access';
import type { Logger } from './logger';
import type { TopicCreator } from './topic-creator';

/** The one broker of this single-node cluster, as Metadata and FindCoordinator describe it. */
export interface AdvertisedNode {
  nodeId: number;
  host: string;
  port: number;
}

/** What the handlers share: storage, groups and the facts about this broker. */
export interface BrokerContext {
  store: LogStore;
  coordinator: GroupCoordinator;
  topics: TopicCreator;
  /** Known only once the server listens (port 0 picks one). */
  node(): AdvertisedNode;
  clusterId: string;
  /** What the broker was started with (DescribeConfigs reports it). */
  config: BrokerConfig;
  logger: Logger;
  /** ACL checks; allows everything when no authorizer is configured. */
  access: Access;
}
