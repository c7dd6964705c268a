export * from './protocol-error';
export * from './reader';
export * from './writer';
export * from './schema';
