export * from './group-coordinator';
export { ClassicGroupCoordinator } from './classic-group-coordinator';
