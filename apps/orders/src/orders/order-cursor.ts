import { BadRequestException } from '@nestjs/common';
import { isUUID } from 'class-validator';

/** Where a page ended: keyset pagination over (created_at, id), newest first. */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

/** What encodeOrderCursor writes for createdAt: Date#toISOString of a year 0000-9999. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Longer than any cursor encodeOrderCursor makes (about 90 characters). */
export const MAX_ORDER_CURSOR_LENGTH = 200;

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

/**
 * The cursor of a nextCursor, or a 400 for anything else: each part is checked here, because the
 * database would refuse a malformed one (an id that is not a uuid, a date out of its range) as a 500.
 */
export function decodeOrderCursor(text: string): OrderCursor {
  const invalid = (why: string) =>
    new BadRequestException(`cursor is not a value returned as nextCursor (${why})`);
  if (text.length > MAX_ORDER_CURSOR_LENGTH) throw invalid('too long');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not base64url JSON');
  }
  if (!Array.isArray(parts) || parts.length !== 2) throw invalid('not a [createdAt, id] pair');
  const [createdAt, id] = parts as unknown[];
  if (typeof createdAt !== 'string' || !ISO_INSTANT.test(createdAt)) {
    throw invalid('createdAt is not an ISO 8601 instant');
  }
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) {
    throw invalid('createdAt is not a valid date');
  }
  if (typeof id !== 'string' || !isUUID(id)) throw invalid('id is not a uuid');
  return { createdAt: date, id };
}
