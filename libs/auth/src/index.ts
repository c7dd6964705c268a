export * from './auth-config';
export * from './auth.decorators';
export * from './auth.guard';
export * from './auth.module';
export * from './authenticated-user';
export * from './signing/local-issuer';
export * from './token-verifier';
export * from './signing/test-issuer';
