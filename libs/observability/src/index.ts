export * from './instance-id';
export * from './logging/pino-http-options';
export * from './logging/logging.module';
export * from './logging/log-context';
export * from './health/health-contributor';
export * from './health/health.module';
export * from './metrics/metrics-registry';
export * from './metrics/metrics.module';
