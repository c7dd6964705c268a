export * from './fanout-service.module';
export * from './bootstrap-service';
export * from './http/configure-http-app';
export * from './http/management-port';
export * from './http/order-records.query';
