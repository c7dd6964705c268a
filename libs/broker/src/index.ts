export { startBroker, type RunningBroker, type StartBrokerOptions } from './broker';
export { DEFAULT_CONFIG, type BrokerConfig } from './config';
export type { FsyncPolicy } from './storage/log-store';
export { createLogger, type Logger, type LogLevel } from './server/logger';
export type { ResponseFault, ResponseFaultHook } from './server/connection';
export type { RequestHeader } from './protocol/request-header';
