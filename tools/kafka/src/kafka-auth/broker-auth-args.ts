import { type KafkaAuth, SASL_MECHANISM } from './kafka-credentials';
import { OPERATOR } from './service-acls';

/**
 * The embedded broker's flags (libs/broker's CLI) for SASL SCRAM-SHA-512 and the ACL authorizer,
 * with the operator as super user: what `npm start` and the e2e systems run it with.
 */
export function embeddedBrokerAuthArgs(auth: KafkaAuth): string[] {
  return [
    '--listener-security-protocol',
    'SASL_PLAINTEXT',
    '--sasl-mechanisms',
    SASL_MECHANISM,
    '--sasl-users-file',
    auth.usersFile,
    '--authorizer',
    'acl',
    '--super-users',
    `User:${OPERATOR}`,
    '--acls',
    auth.aclsFile,
  ];
}

/**
 * Apache Kafka's runner flags (tools/kafka's CLI) for the same: SCRAM users from the file, the
 * StandardAuthorizer with the operator as super user. Its ACLs are added through the protocol
 * once it runs (createAclsAsOperator): Kafka keeps them in its metadata log.
 */
export function apacheKafkaAuthArgs(auth: KafkaAuth): string[] {
  return ['--sasl-users-file', auth.usersFile, '--operator', OPERATOR];
}
