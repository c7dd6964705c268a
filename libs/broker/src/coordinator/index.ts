export * from './group-coordinator';
export {
  ClassicGroupCoordinator,
  type ClassicGroupCoordinatorOptions,
} from './classic-group-coordinator';
