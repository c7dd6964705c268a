import { AclOperation, AclResourceType, CLUSTER_RESOURCE_NAME } from '../protocol/acl-resources';
import type { AclAuthorizer, Requester } from '../security/authorizer';
import type { RequestContext } from './request-handler';

/** Kafka's message with an *_AUTHORIZATION_FAILED error, so tools print what they would. */
export const NOT_AUTHORIZED = 'Authorization failed.';

/** The client's address as Kafka writes it in ACL hosts: IPv4-mapped IPv6 addresses unmapped. */
export const requesterOf = (context: RequestContext): Requester => ({
  principal: context.principal,
  host: context.clientHost.startsWith('::ffff:') ? context.clientHost.slice(7) : context.clientHost,
});

/**
 * What the handlers ask before acting. Without an authorizer everything is allowed (Kafka's
 * default: no authorizer.class.name); with one, its ACLs decide.
 */
export class Access {
  constructor(readonly authorizer: AclAuthorizer | undefined) {}

  get enabled(): boolean {
    return this.authorizer !== undefined;
  }

  allows(
    context: RequestContext,
    operation: AclOperation,
    resourceType: AclResourceType,
    name: string,
  ): boolean {
    return (
      !this.authorizer ||
      this.authorizer.authorize(requesterOf(context), operation, resourceType, name)
    );
  }

  topic(context: RequestContext, operation: AclOperation, topic: string): boolean {
    return this.allows(context, operation, AclResourceType.TOPIC, topic);
  }

  group(context: RequestContext, operation: AclOperation, group: string): boolean {
    return this.allows(context, operation, AclResourceType.GROUP, group);
  }

  cluster(context: RequestContext, operation: AclOperation): boolean {
    return this.allows(context, operation, AclResourceType.CLUSTER, CLUSTER_RESOURCE_NAME);
  }

  /** CREATE on the cluster, or else on the topic (CreateTopics, auto-creation). */
  mayCreateTopic(context: RequestContext, topic: string): boolean {
    return (
      this.cluster(context, AclOperation.CREATE) || this.topic(context, AclOperation.CREATE, topic)
    );
  }

  /** Allowed `operation` on some resource of the type (KIP-679's check for idempotence). */
  allowsAny(
    context: RequestContext,
    operation: AclOperation,
    resourceType: AclResourceType,
  ): boolean {
    return (
      !this.authorizer ||
      this.authorizer.authorizeAny(requesterOf(context), operation, resourceType)
    );
  }
}
