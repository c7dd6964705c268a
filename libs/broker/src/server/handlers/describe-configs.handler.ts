import { AclOperation } from '../../protocol/acl-resources';
import { ConfigResourceType } from '../../protocol/config-resources';
import { ErrorCode } from '../../protocol/error-codes';
import {
  describeConfigsApi,
  type DescribeConfigsResource,
  type DescribeConfigsResult,
} from '../../protocol/requests/describe-configs';
import { NOT_AUTHORIZED } from '../access';
import type { BrokerContext } from '../broker-context';
import { configEntries, type ConfigEntry } from '../config-entries';
import { defineHandler, type RequestContext } from '../request-handler';

/**
 * Topic and broker configs, read-only: what the broker runs with, under Kafka's names, so admin
 * clients and Kafka UIs can show them. A topic's configs are the broker's (no per-topic ones).
 */
export function describeConfigsHandler(broker: BrokerContext) {
  const entriesOf = (
    resource: DescribeConfigsResource,
    context: RequestContext,
  ): ConfigEntry[] | { errorCode: ErrorCode; errorMessage: string } => {
    const { resourceType, resourceName: name } = resource;
    const node = broker.node();
    // DESCRIBE_CONFIGS on the topic, or on the cluster for a broker, as in Kafka.
    if (
      resourceType === ConfigResourceType.TOPIC &&
      !broker.access.topic(context, AclOperation.DESCRIBE_CONFIGS, name)
    ) {
      return {
        errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
        errorMessage: NOT_AUTHORIZED,
      };
    }
    if (
      resourceType === ConfigResourceType.BROKER &&
      !broker.access.cluster(context, AclOperation.DESCRIBE_CONFIGS)
    ) {
      return {
        errorCode: ErrorCode.CLUSTER_AUTHORIZATION_FAILED,
        errorMessage: NOT_AUTHORIZED,
      };
    }
    if (resourceType === ConfigResourceType.TOPIC) {
      const problem = broker.topics.nameProblem(name);
      if (problem) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: problem };
      if (!broker.store.topic(name)) {
        return {
          errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
          errorMessage: `topic '${name}' does not exist`,
        };
      }
      return configEntries('topic', broker.config, node, {
        cleanupPolicy: broker.store.cleanupPolicy(name),
      });
    }
    if (resourceType === ConfigResourceType.BROKER) {
      // '' names the cluster-wide dynamic defaults, of which this broker has none.
      if (name === '') return [];
      if (name !== String(node.nodeId)) {
        return {
          errorCode: ErrorCode.INVALID_REQUEST,
          errorMessage: `unexpected broker id '${name}': this broker is ${node.nodeId}`,
        };
      }
      return configEntries('broker', broker.config, node);
    }
    return {
      errorCode: ErrorCode.INVALID_REQUEST,
      errorMessage: `resource type ${resourceType} is not described here: only topics (2) and brokers (4)`,
    };
  };

  return defineHandler(describeConfigsApi, (request, context) => ({
    throttleTimeMs: 0,
    results: request.resources.map((resource): DescribeConfigsResult => {
      const head = { resourceType: resource.resourceType, resourceName: resource.resourceName };
      const entries = entriesOf(resource, context);
      if (!Array.isArray(entries)) return { ...head, ...entries, configs: [] };
      const wanted = resource.configurationKeys && new Set(resource.configurationKeys);
      return {
        ...head,
        errorCode: ErrorCode.NONE,
        errorMessage: null,
        configs: entries
          .filter((entry) => !wanted || wanted.has(entry.name))
          .map((entry) => ({
            name: entry.name,
            value: entry.value,
            readOnly: true,
            configSource: entry.source,
            isSensitive: false,
            synonyms: request.includeSynonyms
              ? [{ name: entry.synonym, value: entry.value, source: entry.source }]
              : [],
          })),
      };
    }),
  }));
}
