export { NodeProcess, type NodeProcessOptions } from './node-process';
