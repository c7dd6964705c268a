export { buildService, type BuildResult } from './build-service';
