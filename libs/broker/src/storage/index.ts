export * from './log-store';
export { DiskLogStore, InvalidTopicError } from './disk-log-store';
export type { DiskLogStoreOptions } from './disk-log-store';
export { MAX_PARTITIONS } from './topic-catalog';
