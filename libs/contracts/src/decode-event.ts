import { z } from 'zod';
import type { EventDefinition } from './event-definition';
import { eventEnvelopeSchema } from './event-envelope';
import { findEventDefinition, type FanoutEvent } from './event-registry';

/**
 * Why a message is not a usable event. `unknown-type` is a well-formed event of a type (or
 * version) this build does not know: consumers skip it rather than dead-letter it, so producers
 * can add events before every consumer is upgraded.
 */
export type DecodeFailureReason =
  'not-json' | 'invalid-envelope' | 'unknown-type' | 'invalid-payload';

export type DecodeResult =
  | { ok: true; event: FanoutEvent; definition: EventDefinition }
  | { ok: false; reason: DecodeFailureReason; message: string };

/** Decodes a Kafka message value (bytes or text) into a validated event. Never throws. */
export function decodeEvent(value: Buffer | string | null | undefined): DecodeResult {
  if (value === null || value === undefined) {
    return { ok: false, reason: 'not-json', message: 'the message has no value' };
  }
  let json: unknown;
  try {
    json = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: 'not-json', message: (error as Error).message };
  }
  return parseEvent(json);
}

/** Validates an already-parsed JSON value as an event: envelope first, then the payload. */
export function parseEvent(json: unknown): DecodeResult {
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, reason: 'invalid-envelope', message: z.prettifyError(envelope.error) };
  }
  const { type, version } = envelope.data;
  const definition = findEventDefinition(type, version);
  if (!definition) {
    return { ok: false, reason: 'unknown-type', message: `no contract for ${type} v${version}` };
  }
  const payload = definition.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    return {
      ok: false,
      reason: 'invalid-payload',
      message: `${type} v${version}: ${z.prettifyError(payload.error)}`,
    };
  }
  return {
    ok: true,
    event: { ...envelope.data, payload: payload.data } as FanoutEvent,
    definition,
  };
}
