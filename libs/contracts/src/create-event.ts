import { randomUUID } from 'node:crypto';
import type { EventDefinition } from './event-definition';
import type { EventOfType, EventType, PayloadOf } from './event-registry';
import { EventContractError } from './event-contract-error';
import type { ServiceName } from './services';

/** Where an event comes from: who produces it and which flow (and which event) led to it. */
export interface EventOrigin {
  producer: ServiceName;
  correlationId: string;
  causationId?: string | null;
}

/** The origin of an event produced in reaction to `cause`: same flow, caused by it. */
export function causedBy(
  cause: { eventId: string; correlationId: string },
  producer: ServiceName,
): EventOrigin {
  return { producer, correlationId: cause.correlationId, causationId: cause.eventId };
}

/**
 * Builds a validated envelope. Producing an event that breaks its own contract is a bug, so this
 * throws instead of letting the event reach consumers.
 */
export function createEvent<TType extends EventType>(
  definition: EventDefinition<TType> & { type: TType },
  payload: PayloadOf<TType>,
  origin: EventOrigin,
): EventOfType<TType> {
  const checked = definition.payload.safeParse(payload);
  if (!checked.success) {
    throw new EventContractError(
      `${definition.type} v${definition.version} payload is invalid: ${checked.error.message}`,
    );
  }
  return {
    eventId: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    correlationId: origin.correlationId,
    causationId: origin.causationId ?? null,
    producer: origin.producer,
    payload: checked.data,
  } as EventOfType<TType>;
}
