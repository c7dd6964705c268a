import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { createAclsApi } from '../../protocol/requests/create-acls';
import {
  deleteAclsApi,
  type DeleteAclsFilter,
  type DeleteAclsMatchingAcl,
} from '../../protocol/requests/delete-acls';
import { describeAclsApi, type DescribeAclsResource } from '../../protocol/requests/describe-acls';
import {
  bindingProblem,
  filterProblem,
  type AclBinding,
  type AclBindingFilter,
} from '../../security/acl';
import type { AclAuthorizer } from '../../security/authorizer';
import { NOT_AUTHORIZED } from '../access';
import type { BrokerContext } from '../broker-context';
import { defineHandler, type RequestContext } from '../request-handler';

// Kafka's message, so tools print what they would against Kafka.
const NO_AUTHORIZER = 'No Authorizer is configured.';

interface Refusal {
  errorCode: ErrorCode;
  errorMessage: string;
}

/**
 * The gate every ACL API passes first: the authorizer, or why the request is refused (no
 * authorizer: SECURITY_DISABLED, as in Kafka; no `operation` on the cluster:
 * CLUSTER_AUTHORIZATION_FAILED).
 */
function aclAdmin(
  broker: BrokerContext,
  context: RequestContext,
  operation: AclOperation,
): { authorizer: AclAuthorizer } | { refusal: Refusal } {
  const { authorizer } = broker.access;
  if (!authorizer) {
    return { refusal: { errorCode: ErrorCode.SECURITY_DISABLED, errorMessage: NO_AUTHORIZER } };
  }
  if (!broker.access.cluster(context, operation)) {
    return {
      refusal: { errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED, errorMessage: NOT_AUTHORIZED },
    };
  }
  return { authorizer };
}

/** A DescribeAcls request or DeleteAcls filter (the same fields) as the authorizer reads it. */
const filterOf = (wire: DeleteAclsFilter): AclBindingFilter => ({
  resourceType: wire.resourceTypeFilter,
  resourceName: wire.resourceNameFilter,
  patternType: wire.patternTypeFilter,
  principal: wire.principalFilter,
  host: wire.hostFilter,
  operation: wire.operation,
  permissionType: wire.permissionType,
});

/** ACLs grouped by resource pattern, as DescribeAcls lists them. */
function byResource(acls: readonly AclBinding[]): DescribeAclsResource[] {
  const resources = new Map<string, DescribeAclsResource>();
  for (const acl of acls) {
    const key = JSON.stringify([acl.resourceType, acl.resourceName, acl.patternType]);
    let resource = resources.get(key);
    if (!resource) {
      resource = {
        resourceType: acl.resourceType,
        resourceName: acl.resourceName,
        patternType: acl.patternType,
        acls: [],
      };
      resources.set(key, resource);
    }
    resource.acls.push({
      principal: acl.principal,
      host: acl.host,
      operation: acl.operation,
      permissionType: acl.permissionType,
    });
  }
  return [...resources.values()];
}

/** DescribeAcls: the ACLs a filter selects. Needs DESCRIBE on the cluster. */
export function describeAclsHandler(broker: BrokerContext) {
  return defineHandler(describeAclsApi, (request, context) => {
    const failed = ({ errorCode, errorMessage }: Refusal) => ({
      throttleTimeMs: 0,
      errorCode,
      errorMessage,
      resources: [],
    });
    const admin = aclAdmin(broker, context, AclOperation.DESCRIBE);
    if ('refusal' in admin) return failed(admin.refusal);
    const filter = filterOf(request);
    const problem = filterProblem(filter);
    if (problem) return failed({ errorCode: ErrorCode.INVALID_REQUEST, errorMessage: problem });
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      resources: byResource(admin.authorizer.list(filter)),
    };
  });
}

/**
 * CreateAcls: stores each valid binding (durably, before answering); an invalid one is
 * INVALID_REQUEST with the reason. Needs ALTER on the cluster.
 */
export function createAclsHandler(broker: BrokerContext) {
  return defineHandler(createAclsApi, async (request, context) => {
    const admin = aclAdmin(broker, context, AclOperation.ALTER);
    if ('refusal' in admin) {
      const { refusal } = admin;
      return { throttleTimeMs: 0, results: request.creations.map(() => refusal) };
    }
    const bindings = request.creations.map((creation): AclBinding => ({
      resourceType: creation.resourceType,
      resourceName: creation.resourceName,
      patternType: creation.resourcePatternType,
      principal: creation.principal,
      host: creation.host,
      operation: creation.operation,
      permissionType: creation.permissionType,
    }));
    const problems = bindings.map(bindingProblem);
    await admin.authorizer.add(bindings.filter((_, i) => problems[i] === undefined));
    return {
      throttleTimeMs: 0,
      results: problems.map((problem) =>
        problem === undefined
          ? { errorCode: ErrorCode.NONE, errorMessage: null }
          : { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: problem },
      ),
    };
  });
}

/**
 * DeleteAcls: removes every binding each filter selects and lists them per filter. Needs ALTER
 * on the cluster.
 */
export function deleteAclsHandler(broker: BrokerContext) {
  return defineHandler(deleteAclsApi, async (request, context) => {
    const admin = aclAdmin(broker, context, AclOperation.ALTER);
    if ('refusal' in admin) {
      const { refusal } = admin;
      return {
        throttleTimeMs: 0,
        filterResults: request.filters.map(() => ({ ...refusal, matchingAcls: [] })),
      };
    }
    const filters = request.filters.map(filterOf);
    const problems = filters.map(filterProblem);
    const removed = await admin.authorizer.remove(
      filters.filter((_, i) => problems[i] === undefined),
    );
    let next = 0;
    return {
      throttleTimeMs: 0,
      filterResults: problems.map((problem) => {
        if (problem !== undefined) {
          return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: problem, matchingAcls: [] };
        }
        const matched = removed[next++] ?? [];
        return {
          errorCode: ErrorCode.NONE,
          errorMessage: null,
          matchingAcls: matched.map((acl): DeleteAclsMatchingAcl => ({
            errorCode: ErrorCode.NONE,
            errorMessage: null,
            ...acl,
          })),
        };
      }),
    };
  });
}
