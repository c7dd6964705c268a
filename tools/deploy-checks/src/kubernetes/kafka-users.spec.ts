import { serviceNames } from '@fanout/contracts';
import { CONSOLE, fanoutAcls, OPERATOR } from '@fanout/kafka-runner';
import { kustomizeBuild } from '../kustomize/kustomize-build';
import { defined } from '../support/defined';
import { repoPath } from '../support/repo-paths';
import type { Resource } from '../support/yaml-documents';
import { aclKeys, kafkaUserAcls, kafkaUsers, kafkaUserSpec } from './kafka-users';
import { OVERLAYS } from './overlays';
import { mainContainer, podSpecOf } from './pod-spec';

/**
 * Kafka on Kubernetes authenticates and authorises as `npm start` and compose do: a SCRAM KafkaUser
 * per service and one for the console, whose ACLs are exactly those tools/kafka derives from the
 * event contracts (so a new event or consumer that changes them fails here until users.yaml
 * follows), the services and the console logging in as those users, and the listener they use
 * refusing anyone else.
 */

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

describe.each(OVERLAYS)('k8s/overlays/%s: Kafka principals', (overlay) => {
  const resources = kustomizeBuild(repoPath('k8s/overlays', overlay));
  const get = (kind: string, name: string) =>
    defined(
      resources.find((r) => r.kind === kind && r.metadata.name === name),
      `${kind} ${name}`,
    );

  it('grants the KafkaUsers exactly the ACLs derived from the contracts', () => {
    expect(aclKeys(kafkaUserAcls(resources))).toEqual(aclKeys(fanoutAcls()));
  });

  it('fails on a KafkaUser with one ACL less (the comparison can fail)', () => {
    const mutated = structuredClone(resources) as Resource[];
    const inventory = defined(
      kafkaUsers(mutated).find((user) => user.metadata.name === 'inventory'),
      'KafkaUser inventory',
    );
    kafkaUserSpec(inventory).authorization?.acls.shift();
    expect(aclKeys(kafkaUserAcls(mutated))).not.toEqual(aclKeys(fanoutAcls()));
  });

  it('fails on a console allowed to write (the comparison covers the console)', () => {
    const mutated = structuredClone(resources) as Resource[];
    const console = defined(
      kafkaUsers(mutated).find((user) => user.metadata.name === CONSOLE),
      'KafkaUser console',
    );
    kafkaUserSpec(console).authorization?.acls[0]?.operations.push('Write');
    expect(aclKeys(kafkaUserAcls(mutated))).not.toEqual(aclKeys(fanoutAcls()));
  });

  it('has a SCRAM-SHA-512 user for the operator, each service and the console, in the Kafka cluster', () => {
    const users = kafkaUsers(resources);
    expect(users.map((user) => user.metadata.name).sort()).toEqual(
      [OPERATOR, ...serviceNames, CONSOLE].sort(),
    );
    const cluster = defined(resources.find((r) => r.kind === 'Kafka')?.metadata.name, 'Kafka');
    for (const user of users) {
      expect(kafkaUserSpec(user).authentication?.type).toBe('scram-sha-512');
      expect(user.metadata.labels?.['strimzi.io/cluster']).toBe(cluster);
    }
    expect(kafkaUserSpec(get('KafkaUser', OPERATOR)).authorization).toBeUndefined();
  });

  it('authenticates every listener with SCRAM-SHA-512 and authorises with the operator as super user', () => {
    const kafka = defined(
      resources.find((r) => r.kind === 'Kafka'),
      'Kafka',
    );
    const spec = (
      kafka['spec'] as {
        kafka: {
          listeners: { name: string; authentication?: { type: string } }[];
          authorization?: { type: string; superUsers?: string[] };
        };
        entityOperator?: { userOperator?: object };
      }
    ).kafka;
    for (const listener of spec.listeners) {
      expect({ listener: listener.name, auth: listener.authentication?.type }).toEqual({
        listener: listener.name,
        auth: 'scram-sha-512',
      });
    }
    expect(spec.authorization).toEqual({ type: 'simple', superUsers: [OPERATOR] });
    expect(
      (kafka['spec'] as { entityOperator?: { userOperator?: object } }).entityOperator,
    ).toHaveProperty('userOperator');
  });

  it.each([...serviceNames, CONSOLE])(
    '%s: logs in as its own KafkaUser, the password from the Secret Strimzi makes for it',
    (service) => {
      const deployment = get('Deployment', service);
      const env = (mainContainer(deployment).env ?? []) as EnvVar[];
      const byName = new Map(env.map((variable) => [variable.name, variable]));
      expect(byName.get('KAFKA_SASL_USERNAME')?.value).toBe(service);
      expect(byName.get('KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
        name: service,
        key: 'password',
      });
      const config = get('ConfigMap', 'fanout-config')['data'] as Record<string, string>;
      expect(config['KAFKA_SASL_MECHANISM']).toBe('scram-sha-512');
      expect(podSpecOf(deployment).containers).toHaveLength(1);
    },
  );
});
