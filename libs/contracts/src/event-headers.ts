import type { EventEnvelope } from './event-envelope';

/**
 * Kafka header names. The envelope inside the value is the source of truth; the headers repeat
 * its metadata so tools (kcat, dashboards, routers) can read it without parsing the value.
 */
export const EventHeaders = {
  type: 'event-type',
  version: 'event-version',
  eventId: 'event-id',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  producer: 'producer',
} as const;

export function eventHeaders(event: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    [EventHeaders.type]: event.type,
    [EventHeaders.version]: String(event.version),
    [EventHeaders.eventId]: event.eventId,
    [EventHeaders.correlationId]: event.correlationId,
    [EventHeaders.producer]: event.producer,
  };
  if (event.causationId !== null) {
    headers[EventHeaders.causationId] = event.causationId;
  }
  return headers;
}

/** Serialises an event as a Kafka message value. */
export function encodeEvent(event: EventEnvelope): string {
  return JSON.stringify(event);
}
