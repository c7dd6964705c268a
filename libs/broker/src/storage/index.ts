export * from './log-store';
export { DiskLogStore, InvalidTopicError } from './disk-log-store';
export type { DiskLogStoreOptions } from './disk-log-store';
export { MAX_PARTITIONS, partitionDirName, topicNameProblem } from './topic-catalog';
export type { RecoveryReport } from './recovery';
