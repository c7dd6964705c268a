import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import {
  type KafkaAuth,
  type KafkaCredential,
  kafkajsSasl,
  OPERATOR,
  serviceKafkaEnv,
} from '@fanout/kafka-runner';
import type { ServiceName } from '@fanout/contracts';

/** A running system's broker and the principals it authenticates (FanoutSystem). */
export interface KafkaAccess {
  readonly kafkaBrokers: string;
  readonly kafkaAuth: KafkaAuth;
}

/**
 * Who a test client is on the broker: the operator (super user: probes, lag readers, topic and
 * offset admin, DLT replay) or a service, whose ACLs then apply (e.g. an event written with its
 * owner's credentials, to show that the consumer, not the broker, refuses it).
 */
export type KafkaPrincipal = typeof OPERATOR | ServiceName;

export function credentialOf(auth: KafkaAuth, principal: KafkaPrincipal): KafkaCredential {
  return principal === OPERATOR ? auth.operator : auth.services[principal];
}

/** A kafkajs client of the system's broker, authenticated as `principal`. */
export function kafkaClient(
  access: KafkaAccess,
  principal: KafkaPrincipal,
  config: Omit<KafkaConfig, 'brokers' | 'sasl'> = {},
): Kafka {
  return new Kafka({
    logLevel: logLevel.NOTHING,
    ...config,
    brokers: access.kafkaBrokers.split(','),
    sasl: kafkajsSasl(credentialOf(access.kafkaAuth, principal)),
  });
}

/**
 * KAFKA_BROKERS and the KAFKA_SASL_* variables of `principal`: for a service process or a tool
 * (npm run dlt reads the same variables) run against the system.
 */
export function kafkaEnv(access: KafkaAccess, principal: KafkaPrincipal): Record<string, string> {
  return {
    KAFKA_BROKERS: access.kafkaBrokers,
    ...serviceKafkaEnv(credentialOf(access.kafkaAuth, principal)),
  };
}
