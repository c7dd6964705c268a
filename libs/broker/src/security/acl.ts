import {
  AclOperation,
  AclPatternType,
  AclPermissionType,
  AclResourceType,
  CLUSTER_RESOURCE_NAME,
} from '../protocol/acl-resources';

/** One ACL: who (principal, host) may or may not do what (operation) to which resources. */
export interface AclBinding {
  resourceType: AclResourceType;
  resourceName: string;
  patternType: AclPatternType;
  /** `User:<name>`, or `User:*` for every user. */
  principal: string;
  /** A client IP address, or `*` for any. */
  host: string;
  operation: AclOperation;
  permissionType: AclPermissionType;
}

/** What DescribeAcls and DeleteAcls select with; null names, principals and hosts match any. */
export interface AclBindingFilter {
  resourceType: AclResourceType;
  resourceName: string | null;
  patternType: AclPatternType;
  principal: string | null;
  host: string | null;
  operation: AclOperation;
  permissionType: AclPermissionType;
}

export const WILDCARD_RESOURCE = '*';
export const WILDCARD_HOST = '*';
export const WILDCARD_PRINCIPAL = 'User:*';
export const ANONYMOUS_PRINCIPAL = 'User:ANONYMOUS';

/** The operations an ACL may name on each resource type (Kafka's AclEntry.supportedOperations). */
const SUPPORTED_OPERATIONS: Partial<Record<AclResourceType, readonly AclOperation[]>> = {
  [AclResourceType.TOPIC]: [
    AclOperation.READ,
    AclOperation.WRITE,
    AclOperation.CREATE,
    AclOperation.DESCRIBE,
    AclOperation.DELETE,
    AclOperation.ALTER,
    AclOperation.DESCRIBE_CONFIGS,
    AclOperation.ALTER_CONFIGS,
  ],
  [AclResourceType.GROUP]: [
    AclOperation.READ,
    AclOperation.DESCRIBE,
    AclOperation.DELETE,
    AclOperation.DESCRIBE_CONFIGS,
    AclOperation.ALTER_CONFIGS,
  ],
  [AclResourceType.CLUSTER]: [
    AclOperation.CREATE,
    AclOperation.CLUSTER_ACTION,
    AclOperation.DESCRIBE_CONFIGS,
    AclOperation.ALTER_CONFIGS,
    AclOperation.IDEMPOTENT_WRITE,
    AclOperation.ALTER,
    AclOperation.DESCRIBE,
  ],
  [AclResourceType.TRANSACTIONAL_ID]: [AclOperation.DESCRIBE, AclOperation.WRITE],
};

/** `Type:name` with a non-empty type (Kafka's principal string form). */
export const isPrincipal = (value: string): boolean => /^[^:]+:.+$/s.test(value);

/** Why CreateAcls cannot store this binding, or undefined when it can (Kafka's checks). */
export function bindingProblem(binding: AclBinding): string | undefined {
  const { resourceType, resourceName, patternType, principal, operation, permissionType } = binding;
  const supported = SUPPORTED_OPERATIONS[resourceType];
  if (!supported)
    return `resource type ${AclResourceType[resourceType] ?? resourceType} is not supported`;
  if (patternType !== AclPatternType.LITERAL && patternType !== AclPatternType.PREFIXED) {
    return `pattern type ${AclPatternType[patternType] ?? patternType} is not LITERAL or PREFIXED`;
  }
  if (resourceName === '') return 'resource name should not be empty';
  if (patternType === AclPatternType.PREFIXED && resourceName === WILDCARD_RESOURCE) {
    return "a PREFIXED pattern cannot be '*': use LITERAL '*' for every resource";
  }
  if (resourceType === AclResourceType.CLUSTER && resourceName !== CLUSTER_RESOURCE_NAME) {
    return `the only valid name for the CLUSTER resource is ${CLUSTER_RESOURCE_NAME}`;
  }
  if (!isPrincipal(principal)) {
    return `expected a principal in format principalType:principalName but got '${principal}'`;
  }
  if (binding.host === '') return 'host should not be empty: use * for any host';
  if (operation !== AclOperation.ALL && !supported.includes(operation)) {
    return `resource type ${AclResourceType[resourceType]} only supports operations ${supported
      .map((op) => AclOperation[op])
      .join(', ')} and ALL, not ${AclOperation[operation] ?? operation}`;
  }
  if (permissionType !== AclPermissionType.ALLOW && permissionType !== AclPermissionType.DENY) {
    return `permission type ${AclPermissionType[permissionType] ?? permissionType} is not ALLOW or DENY`;
  }
  return undefined;
}

/** Why a filter is unusable (an UNKNOWN value in it), or undefined. */
export function filterProblem(filter: AclBindingFilter): string | undefined {
  if (AclResourceType[filter.resourceType] === undefined || filter.resourceType === 0) {
    return 'unknown resource type in filter';
  }
  if (AclPatternType[filter.patternType] === undefined || filter.patternType === 0) {
    return 'unknown pattern type in filter';
  }
  if (AclOperation[filter.operation] === undefined || filter.operation === 0) {
    return 'unknown operation in filter';
  }
  if (AclPermissionType[filter.permissionType] === undefined || filter.permissionType === 0) {
    return 'unknown permission type in filter';
  }
  return undefined;
}

/** Kafka's AclBindingFilter.matches. */
export function filterMatches(filter: AclBindingFilter, binding: AclBinding): boolean {
  if (filter.resourceType !== AclResourceType.ANY && filter.resourceType !== binding.resourceType) {
    return false;
  }
  const pattern = filter.patternType;
  if (
    pattern !== AclPatternType.ANY &&
    pattern !== AclPatternType.MATCH &&
    pattern !== binding.patternType
  ) {
    return false;
  }
  if (filter.resourceName !== null) {
    const name = filter.resourceName;
    if (pattern === AclPatternType.ANY || pattern === binding.patternType) {
      if (name !== binding.resourceName) return false;
    } else if (binding.patternType === AclPatternType.LITERAL) {
      if (name !== binding.resourceName && binding.resourceName !== WILDCARD_RESOURCE) return false;
    } else if (!name.startsWith(binding.resourceName)) {
      return false;
    }
  }
  if (filter.principal !== null && filter.principal !== binding.principal) return false;
  if (filter.host !== null && filter.host !== binding.host) return false;
  if (filter.operation !== AclOperation.ANY && filter.operation !== binding.operation) return false;
  return (
    filter.permissionType === AclPermissionType.ANY ||
    filter.permissionType === binding.permissionType
  );
}

/** Does this ACL's resource pattern cover the resource `name` of its type? */
export function patternCovers(binding: AclBinding, name: string): boolean {
  return binding.patternType === AclPatternType.PREFIXED
    ? name.startsWith(binding.resourceName)
    : binding.resourceName === name || binding.resourceName === WILDCARD_RESOURCE;
}

/**
 * The operations whose ALLOW grants `operation` too (Kafka's implied operations): READ, WRITE,
 * DELETE and ALTER imply DESCRIBE; ALTER_CONFIGS implies DESCRIBE_CONFIGS; ALL implies all.
 * A DENY applies only to its own operation (and ALL).
 */
export function allowingOperations(operation: AclOperation): readonly AclOperation[] {
  switch (operation) {
    case AclOperation.DESCRIBE:
      return [
        AclOperation.DESCRIBE,
        AclOperation.READ,
        AclOperation.WRITE,
        AclOperation.DELETE,
        AclOperation.ALTER,
        AclOperation.ALL,
      ];
    case AclOperation.DESCRIBE_CONFIGS:
      return [AclOperation.DESCRIBE_CONFIGS, AclOperation.ALTER_CONFIGS, AclOperation.ALL];
    default:
      return [operation, AclOperation.ALL];
  }
}

/** A stable key for a binding: the same ACL is stored once. */
export const bindingKey = (b: AclBinding): string =>
  JSON.stringify([
    b.resourceType,
    b.resourceName,
    b.patternType,
    b.principal,
    b.host,
    b.operation,
    b.permissionType,
  ]);

/** An ACL as written in acls.json and in an --acls file: names instead of codes. */
export interface AclBindingJson {
  resourceType: string;
  resourceName: string;
  patternType?: string;
  principal: string;
  host?: string;
  operation: string;
  permissionType: string;
}

export function bindingToJson(b: AclBinding): AclBindingJson {
  return {
    resourceType: AclResourceType[b.resourceType] as string,
    resourceName: b.resourceName,
    patternType: AclPatternType[b.patternType] as string,
    principal: b.principal,
    host: b.host,
    operation: AclOperation[b.operation] as string,
    permissionType: AclPermissionType[b.permissionType] as string,
  };
}

function codeOf<E extends Record<string, string | number>>(
  names: E,
  what: string,
  value: unknown,
): E[keyof E] {
  const code = typeof value === 'string' ? names[value.toUpperCase() as keyof E] : undefined;
  if (typeof code !== 'number') throw new Error(`unknown ${what} '${String(value)}'`);
  return code;
}

/** Reads and checks one ACL in the JSON form (pattern type defaults to LITERAL, host to *). */
export function bindingFromJson(json: AclBindingJson): AclBinding {
  const binding: AclBinding = {
    resourceType: codeOf(AclResourceType, 'resource type', json.resourceType),
    resourceName: String(json.resourceName),
    patternType: codeOf(AclPatternType, 'pattern type', json.patternType ?? 'LITERAL'),
    principal: String(json.principal),
    host: json.host ?? WILDCARD_HOST,
    operation: codeOf(AclOperation, 'operation', json.operation),
    permissionType: codeOf(AclPermissionType, 'permission type', json.permissionType),
  };
  const problem = bindingProblem(binding);
  if (problem) throw new Error(`invalid ACL ${JSON.stringify(json)}: ${problem}`);
  return binding;
}
