/** Kind of resource an ACL protects (Kafka's ResourceType codes). */
export enum AclResourceType {
  UNKNOWN = 0,
  /** In a filter: any type. */
  ANY = 1,
  TOPIC = 2,
  GROUP = 3,
  CLUSTER = 4,
  TRANSACTIONAL_ID = 5,
  DELEGATION_TOKEN = 6,
  USER = 7,
}

/** How an ACL's resource name is matched (Kafka's PatternType codes). */
export enum AclPatternType {
  UNKNOWN = 0,
  /** In a filter: any pattern type, names compared exactly. */
  ANY = 1,
  /** In a filter: every ACL that would apply to the named resource (literal, `*`, prefixes). */
  MATCH = 2,
  /** The resource with exactly this name; `*` is every resource of the type. */
  LITERAL = 3,
  /** Every resource whose name starts with this one. */
  PREFIXED = 4,
}

/** What an ACL allows or denies (Kafka's AclOperation codes). */
export enum AclOperation {
  UNKNOWN = 0,
  /** In a filter: any operation. */
  ANY = 1,
  ALL = 2,
  READ = 3,
  WRITE = 4,
  CREATE = 5,
  DELETE = 6,
  ALTER = 7,
  DESCRIBE = 8,
  CLUSTER_ACTION = 9,
  DESCRIBE_CONFIGS = 10,
  ALTER_CONFIGS = 11,
  IDEMPOTENT_WRITE = 12,
  CREATE_TOKENS = 13,
  DESCRIBE_TOKENS = 14,
}

/** Kafka's AclPermissionType codes. */
export enum AclPermissionType {
  UNKNOWN = 0,
  /** In a filter: either. */
  ANY = 1,
  DENY = 2,
  ALLOW = 3,
}

/** The one name a CLUSTER resource has. */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';
