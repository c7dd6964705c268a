import { validateResource } from './validate-resource';
import type { Resource } from '../support/yaml-documents';

const topic = (spec: object): Resource => ({
  apiVersion: 'kafka.strimzi.io/v1',
  kind: 'KafkaTopic',
  metadata: { name: 'orders', labels: { 'strimzi.io/cluster': 'fanout' } },
  spec,
});

describe('validateResource', () => {
  it('accepts a well-formed Strimzi resource', () => {
    expect(() => validateResource(topic({ partitions: 6, replicas: 1 }))).not.toThrow();
  });

  it('rejects a misspelt field in a Strimzi resource, as strict kubectl validation would', () => {
    expect(() => validateResource(topic({ partition: 6 }))).toThrow(/additional properties/);
  });

  it('rejects a wrong type in a built-in kind', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'x' },
      spec: {
        replicas: 'three',
        selector: { matchLabels: { app: 'x' } },
        template: { spec: { containers: [{ name: 'x', image: 'x' }] } },
      },
    } as unknown as Resource;
    expect(() => validateResource(deployment)).toThrow(/replicas/);
  });

  it('refuses a kind it has no schema for', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' } } as Resource;
    expect(() => validateResource(job)).toThrow(/no schema for batch\/v1\/Job/);
  });
});
