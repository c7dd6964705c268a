import { BadRequestException } from '@nestjs/common';

/** Where a page ended: keyset pagination over (created_at, id), newest first. */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

export function encodeOrderCursor(cursor: OrderCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString(
    'base64url',
  );
}

export function decodeOrderCursor(text: string): OrderCursor {
  try {
    const [createdAt, id] = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    ) as unknown[];
    const date = new Date(String(createdAt));
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) {
      throw new Error('malformed');
    }
    return { createdAt: date, id };
  } catch {
    throw new BadRequestException('cursor is not a value returned as nextCursor');
  }
}
