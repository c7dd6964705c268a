import { z } from 'zod';
import { serviceNames } from './services';

/**
 * The metadata every event carries, whatever its type. The payload is checked separately against
 * the schema registered for (type, version), so an unknown type can be told apart from a broken one.
 */
export const eventEnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  version: z.int().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  /** Shared by every event of one business flow (one order): follows the flow across services. */
  correlationId: z.string().min(1),
  /** The eventId of the event that caused this one; null for an event caused by a request. */
  causationId: z.string().min(1).nullable(),
  producer: z.enum(serviceNames),
  payload: z.unknown(),
});

export interface EventEnvelope<TType extends string = string, TPayload = unknown> {
  eventId: string;
  type: TType;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  producer: (typeof serviceNames)[number];
  payload: TPayload;
}
