import type { z } from 'zod';
import type { EventDefinition } from './event-definition';
import type { EventEnvelope } from './event-envelope';
import { OrderCancelled, OrderCompleted, OrderCreated, OrderUnknown } from './events/order-events';
import { PaymentCompleted, PaymentFailed, PaymentRefunded } from './events/payment-events';
import { StockRejected, StockReleased, StockReserved } from './events/inventory-events';
import { NotificationSent } from './events/notification-events';
import { ProductUpdated } from './events/product-events';

/**
 * Every event Fanout knows. Adding an event means adding its definition here; the types, the
 * validation on both sides and docs/events.md all follow from this list.
 */
export const eventDefinitions = [
  OrderCreated,
  OrderCompleted,
  OrderCancelled,
  OrderUnknown,
  PaymentCompleted,
  PaymentFailed,
  PaymentRefunded,
  StockReserved,
  StockRejected,
  StockReleased,
  NotificationSent,
  ProductUpdated,
] as const;

type AnyDefinition = (typeof eventDefinitions)[number];

/** The union of every event envelope, discriminated by `type`. */
export type FanoutEvent = {
  [D in AnyDefinition as D['type']]: EventEnvelope<D['type'], z.infer<D['payload']>>;
}[AnyDefinition['type']];

export type EventType = FanoutEvent['type'];
export type EventOfType<TType extends EventType> = Extract<FanoutEvent, { type: TType }>;
export type PayloadOf<TType extends EventType> = EventOfType<TType>['payload'];
export type DefinitionOf<TType extends EventType> = Extract<AnyDefinition, { type: TType }>;

const definitionsByKey = new Map<string, EventDefinition>(
  eventDefinitions.map((definition) => [
    definitionKey(definition.type, definition.version),
    definition as EventDefinition,
  ]),
);

function definitionKey(type: string, version: number): string {
  return `${type}@v${version}`;
}

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return definitionsByKey.get(definitionKey(type, version));
}

export function eventDefinitionsOnTopic(topic: string): readonly EventDefinition[] {
  return eventDefinitions.filter((definition) => definition.topic === topic);
}
