export { NodeProcess, type CommandOptions, type NodeProcessOptions } from './node-process';
export { findFreePort, isPortFree, isProcessAlive } from './process-state';
export { type CommandResult, runCommand } from './run-command';
