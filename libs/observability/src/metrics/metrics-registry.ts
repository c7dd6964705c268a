import { collectDefaultMetrics, Registry } from 'prom-client';

/** A registry per application (not prom-client's global one), so tests can build many apps. */
export function createMetricsRegistry(service: string, instance: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance });
  collectDefaultMetrics({ register: registry });
  return registry;
}
