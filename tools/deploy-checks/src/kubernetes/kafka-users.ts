import type { AclEntry } from '@fanout/kafka-runner';
import type { Resource } from '../support/yaml-documents';

/** The fields of a Strimzi KafkaUser the checks read. */
interface KafkaUserSpec {
  authentication?: { type: string };
  authorization?: {
    type: string;
    acls: {
      type?: 'allow' | 'deny';
      host?: string;
      resource: { type: string; name?: string; patternType?: string };
      operations: string[];
    }[];
  };
}

export function kafkaUsers(resources: readonly Resource[]): Resource[] {
  return resources.filter((r) => r.kind === 'KafkaUser');
}

export function kafkaUserSpec(user: Resource): KafkaUserSpec {
  return (user['spec'] ?? {}) as KafkaUserSpec;
}

/**
 * The ACLs the KafkaUsers grant, in the form tools/kafka's serviceAcls derives them (one entry
 * per resource and operation, `User:<name>`), so the two compare as sets. Strimzi's defaults are
 * spelt out: `allow`, host `*`, pattern `literal`.
 */
export function kafkaUserAcls(resources: readonly Resource[]): AclEntry[] {
  return kafkaUsers(resources).flatMap((user) =>
    (kafkaUserSpec(user).authorization?.acls ?? []).flatMap((rule) =>
      rule.operations.map(
        (operation) =>
          ({
            resourceType: rule.resource.type.toUpperCase(),
            resourceName: rule.resource.name ?? '',
            patternType: (rule.resource.patternType ?? 'literal').toUpperCase(),
            principal: `User:${user.metadata.name}`,
            host: rule.host ?? '*',
            operation: operation.toUpperCase(),
            permissionType: (rule.type ?? 'allow').toUpperCase(),
          }) as AclEntry,
      ),
    ),
  );
}

/** A stable text per ACL, for comparing two lists as sets with a readable diff. */
export function aclKeys(acls: readonly AclEntry[]): string[] {
  return acls
    .map(
      (acl) =>
        `${acl.principal} ${acl.permissionType} ${acl.operation} ${acl.resourceType}:` +
        `${acl.patternType}:${acl.resourceName} host=${acl.host}`,
    )
    .sort();
}
