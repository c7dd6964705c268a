// The plugin's entry point (package.json's name, @fanout/workspace, and the tsconfig path alias by
// which Nx finds this local plugin): its generators are in generators.json.
export {
  consumerServiceGenerator,
  type ConsumerServiceSchema,
} from './generators/consumer-service/consumer-service';
