export { buildService, compileEntries, type BuildResult } from './build-service';
