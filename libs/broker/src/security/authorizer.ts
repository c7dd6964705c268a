import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import {
  AclOperation,
  AclPatternType,
  AclPermissionType,
  AclResourceType,
} from '../protocol/acl-resources';
import { writeFileAtomic } from '../storage/file-io';
import {
  allowingOperations,
  bindingFromJson,
  bindingKey,
  bindingToJson,
  filterMatches,
  patternCovers,
  WILDCARD_HOST,
  WILDCARD_PRINCIPAL,
  WILDCARD_RESOURCE,
  type AclBinding,
  type AclBindingFilter,
  type AclBindingJson,
} from './acl';

const ACLS_FILE = 'acls.json';

interface AclsFile {
  version: 1;
  acls: AclBindingJson[];
}

/** Who is asking: the connection's principal and the client's address. */
export interface Requester {
  principal: string;
  host: string;
}

export interface AuthorizerOptions {
  dataDir: string;
  /** Principals every check allows (`super.users`); `User:*` makes everyone one. */
  superUsers?: readonly string[];
  /** Kafka's allow.everyone.if.no.acl.found: allow a resource no ACL names. Default false. */
  allowEveryoneIfNoAclFound?: boolean;
}

/** Bounds the decision cache; a produce or fetch asks the same few questions over and over. */
const MAX_CACHED_DECISIONS = 10_000;

/**
 * ACL authorization with Kafka's semantics (AclAuthorizer / StandardAuthorizer): super users are
 * allowed everything; otherwise the ACLs whose pattern covers the resource (literal name, `*`,
 * or a prefix) decide, for the principal (or `User:*`) and host (or `*`). A matching DENY wins;
 * else a matching ALLOW of the operation or of one implying it grants; else, if no ACL covers
 * the resource at all, allowEveryoneIfNoAclFound decides; else denied.
 *
 * The ACLs live in `<dataDir>/acls.json`, rewritten atomically on every change, so they survive
 * restarts like topics do. Decisions are synchronous (in memory), so handlers check before they
 * start any work and requests keep their order on a connection.
 */
export class AclAuthorizer {
  private readonly byType = new Map<AclResourceType, AclBinding[]>();
  private readonly keys = new Set<string>();
  private readonly decisions = new Map<string, boolean>();
  private readonly superUsers: ReadonlySet<string>;
  private readonly allowIfNoAcl: boolean;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    options: AuthorizerOptions,
  ) {
    this.superUsers = new Set(options.superUsers ?? []);
    this.allowIfNoAcl = options.allowEveryoneIfNoAclFound ?? false;
  }

  /** Loads the stored ACLs; `initial` ones (from --acls) are added, and stored, if missing. */
  static async open(
    options: AuthorizerOptions,
    initial: readonly AclBinding[] = [],
  ): Promise<AclAuthorizer> {
    const file = path.join(options.dataDir, ACLS_FILE);
    const authorizer = new AclAuthorizer(file, options);
    let stored: AclsFile = { version: 1, acls: [] };
    try {
      stored = JSON.parse(await readFile(file, 'utf8')) as AclsFile;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new Error(`cannot read ACLs ${file}: ${(error as Error).message}`);
      }
    }
    for (const json of stored.acls) authorizer.insert(bindingFromJson(json));
    const added = initial.filter((binding) => authorizer.insert(binding));
    if (added.length > 0) await authorizer.persist();
    return authorizer;
  }

  isSuperUser(principal: string): boolean {
    return this.superUsers.has(principal) || this.superUsers.has(WILDCARD_PRINCIPAL);
  }

  /** May `who` perform `operation` on the resource `name` of `resourceType`? */
  authorize(
    who: Requester,
    operation: AclOperation,
    resourceType: AclResourceType,
    name: string,
  ): boolean {
    if (this.isSuperUser(who.principal)) return true;
    const key = `${who.principal}\u0000${who.host}\u0000${operation}\u0000${resourceType}\u0000${name}`;
    const cached = this.decisions.get(key);
    if (cached !== undefined) return cached;
    const decision = this.decide(who, operation, resourceType, name);
    if (this.decisions.size >= MAX_CACHED_DECISIONS) this.decisions.clear();
    this.decisions.set(key, decision);
    return decision;
  }

  /**
   * Is `who` allowed `operation` on at least one resource of the type (Kafka's
   * authorizeByResourceType, used by KIP-679: an idempotent producer may have WRITE on any
   * topic instead of IDEMPOTENT_WRITE on the cluster)? An ALLOW counts unless a DENY covers
   * everything it grants.
   */
  authorizeAny(who: Requester, operation: AclOperation, resourceType: AclResourceType): boolean {
    if (this.isSuperUser(who.principal)) return true;
    const acls = (this.byType.get(resourceType) ?? []).filter((acl) => appliesTo(acl, who));
    const denies = acls.filter((acl) => deniesOperation(acl, operation));
    const allowing = allowingOperations(operation);
    return acls.some(
      (allow) =>
        allow.permissionType === AclPermissionType.ALLOW &&
        allowing.includes(allow.operation) &&
        !denies.some((deny) => denyCovers(deny, allow)),
    );
  }

  list(filter: AclBindingFilter): AclBinding[] {
    const out: AclBinding[] = [];
    for (const acls of this.byType.values()) {
      for (const acl of acls) if (filterMatches(filter, acl)) out.push(acl);
    }
    return out;
  }

  /** Stores the bindings (those already present count as created). */
  async add(bindings: readonly AclBinding[]): Promise<void> {
    let changed = false;
    for (const binding of bindings) changed = this.insert(binding) || changed;
    if (changed) await this.persist();
  }

  /** Removes every binding any filter matches; per filter, the bindings it matched. */
  async remove(filters: readonly AclBindingFilter[]): Promise<AclBinding[][]> {
    const matched = filters.map((filter) => this.list(filter));
    const doomed = new Set(matched.flat().map(bindingKey));
    if (doomed.size === 0) return matched;
    for (const [type, acls] of this.byType) {
      this.byType.set(
        type,
        acls.filter((acl) => !doomed.has(bindingKey(acl))),
      );
    }
    for (const key of doomed) this.keys.delete(key);
    this.decisions.clear();
    await this.persist();
    return matched;
  }

  private decide(
    who: Requester,
    operation: AclOperation,
    resourceType: AclResourceType,
    name: string,
  ): boolean {
    const covering = (this.byType.get(resourceType) ?? []).filter((acl) =>
      patternCovers(acl, name),
    );
    if (covering.length === 0) return this.allowIfNoAcl;
    const applicable = covering.filter((acl) => appliesTo(acl, who));
    if (applicable.some((acl) => deniesOperation(acl, operation))) return false;
    const allowing = allowingOperations(operation);
    return applicable.some(
      (acl) => acl.permissionType === AclPermissionType.ALLOW && allowing.includes(acl.operation),
    );
  }

  /** Adds a binding unless present; true if it was added. */
  private insert(binding: AclBinding): boolean {
    const key = bindingKey(binding);
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    const list = this.byType.get(binding.resourceType);
    if (list) list.push(binding);
    else this.byType.set(binding.resourceType, [binding]);
    this.decisions.clear();
    return true;
  }

  private persist(): Promise<void> {
    const content: AclsFile = {
      version: 1,
      acls: [...this.byType.values()].flat().map(bindingToJson),
    };
    const write = this.writes.then(() =>
      writeFileAtomic(this.file, `${JSON.stringify(content, null, 2)}\n`),
    );
    this.writes = write.catch(() => undefined);
    return write;
  }
}

function appliesTo(acl: AclBinding, who: Requester): boolean {
  return (
    (acl.principal === who.principal || acl.principal === WILDCARD_PRINCIPAL) &&
    (acl.host === who.host || acl.host === WILDCARD_HOST)
  );
}

/** A DENY applies to its own operation and ALL only: it implies nothing. */
function deniesOperation(acl: AclBinding, operation: AclOperation): boolean {
  return (
    acl.permissionType === AclPermissionType.DENY &&
    (acl.operation === operation || acl.operation === AclOperation.ALL)
  );
}

/** Does the DENY cover every resource the ALLOW grants? */
function denyCovers(deny: AclBinding, allow: AclBinding): boolean {
  if (deny.patternType === AclPatternType.LITERAL && deny.resourceName === WILDCARD_RESOURCE) {
    return true;
  }
  if (allow.patternType === AclPatternType.LITERAL && allow.resourceName === WILDCARD_RESOURCE) {
    return false;
  }
  if (deny.patternType === AclPatternType.PREFIXED) {
    return allow.resourceName.startsWith(deny.resourceName);
  }
  return allow.patternType === AclPatternType.LITERAL && allow.resourceName === deny.resourceName;
}
