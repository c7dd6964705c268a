/** Jest global teardown (jest.preset.js): see jest-global-setup.ts. */
export { globalTeardown as default } from './jest-global-setup';
