import { hostname } from 'node:os';

/** Names this process among several instances of one service (logs, /status, Kafka client id). */
export function resolveInstanceId(env: NodeJS.ProcessEnv = process.env): string {
  return env['INSTANCE_ID'] || `${hostname()}-${process.pid}`;
}
