import { AclOperation } from '../../protocol/acl-resources';
import { ErrorCode } from '../../protocol/error-codes';
import { createAclsApi, type CreateAclsResponse } from '../../protocol/requests/create-acls';
import {
  deleteAclsApi,
  type DeleteAclsMatchingAcl,
  type DeleteAclsResponse,
} from '../../protocol/requests/delete-acls';
import {
  describeAclsApi,
  type DescribeAclsResource,
  type DescribeAclsResponse,
} from '../../protocol/requests/describe-acls';
import {
  bindingProblem,
  filterProblem,
  type AclBinding,
  type AclBindingFilter,
} from '../../security/acl';
import type { BrokerContext } from '../broker-context';
import { defineHandler } from '../request-handler';

// Kafka's messages, so tools print what they would against Kafka.
const NO_AUTHORIZER = 'No Authorizer is configured.';
const NOT_AUTHORIZED = 'Authorization failed.';

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

/**
 * DescribeAcls: the ACLs a filter selects. Needs DESCRIBE on the cluster
 * (CLUSTER_AUTHORIZATION_FAILED); without an authorizer it is SECURITY_DISABLED, as in Kafka.
 */
export function describeAclsHandler(broker: BrokerContext) {
  const failed = (errorCode: ErrorCode, errorMessage: string): DescribeAclsResponse => ({
    throttleTimeMs: 0,
    errorCode,
    errorMessage,
    resources: [],
  });
  return defineHandler(describeAclsApi, (request, context) => {
    const { authorizer } = broker.access;
    if (!authorizer) return failed(ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    if (!broker.access.cluster(context, AclOperation.DESCRIBE)) {
      return failed(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, NOT_AUTHORIZED);
    }
    const filter: AclBindingFilter = {
      resourceType: request.resourceTypeFilter,
      resourceName: request.resourceNameFilter,
      patternType: request.patternTypeFilter,
      principal: request.principalFilter,
      host: request.hostFilter,
      operation: request.operation,
      permissionType: request.permissionType,
    };
    const problem = filterProblem(filter);
    if (problem) return failed(ErrorCode.INVALID_REQUEST, problem);
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      resources: byResource(authorizer.list(filter)),
    };
  });
}

/**
 * CreateAcls: stores each valid binding (durably, before answering); an invalid one is
 * INVALID_REQUEST with the reason. Needs ALTER on the cluster.
 */
export function createAclsHandler(broker: BrokerContext) {
  return defineHandler(createAclsApi, async (request, context) => {
    const { authorizer } = broker.access;
    const allFailed = (errorCode: ErrorCode, errorMessage: string): CreateAclsResponse => ({
      throttleTimeMs: 0,
      results: request.creations.map(() => ({ errorCode, errorMessage })),
    });
    if (!authorizer) return allFailed(ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    if (!broker.access.cluster(context, AclOperation.ALTER)) {
      return allFailed(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, NOT_AUTHORIZED);
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
    await authorizer.add(bindings.filter((_, i) => problems[i] === undefined));
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
    const { authorizer } = broker.access;
    const allFailed = (errorCode: ErrorCode, errorMessage: string): DeleteAclsResponse => ({
      throttleTimeMs: 0,
      filterResults: request.filters.map(() => ({ errorCode, errorMessage, matchingAcls: [] })),
    });
    if (!authorizer) return allFailed(ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    if (!broker.access.cluster(context, AclOperation.ALTER)) {
      return allFailed(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, NOT_AUTHORIZED);
    }
    const filters = request.filters.map((filter): AclBindingFilter => ({
      resourceType: filter.resourceTypeFilter,
      resourceName: filter.resourceNameFilter,
      patternType: filter.patternTypeFilter,
      principal: filter.principalFilter,
      host: filter.hostFilter,
      operation: filter.operation,
      permissionType: filter.permissionType,
    }));
    const problems = filters.map(filterProblem);
    const removed = await authorizer.remove(filters.filter((_, i) => problems[i] === undefined));
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
