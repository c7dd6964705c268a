export { NodeProcess, type NodeProcessOptions } from './node-process';
export { findFreePort, isPortFree, isProcessAlive } from './process-state';
