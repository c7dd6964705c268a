import { Injectable } from '@nestjs/common';
import {
  encodeEvent,
  EventContractError,
  eventHeaders,
  type FanoutEvent,
  findEventDefinition,
} from '@fanout/contracts';
import type { Transaction } from '@fanout/persistence';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRelay } from './outbox-relay.service';

/**
 * Producing an event = writing it to the outbox inside the caller's transaction. It is published
 * after the commit, and only if the commit happens: no event without its state change, and no state
 * change without its event.
 */
@Injectable()
export class Outbox {
  constructor(private readonly relay: OutboxRelay) {}

  async add(tx: Transaction, ...events: FanoutEvent[]): Promise<void> {
    const rows = events.map((event) => this.toRow(event));
    await tx.manager.insert(OutboxMessage, rows);
    tx.afterCommit(() => this.relay.wake());
  }

  private toRow(event: FanoutEvent): Partial<OutboxMessage> {
    const definition = findEventDefinition(event.type, event.version);
    if (!definition) {
      throw new EventContractError(`no contract for ${event.type} v${event.version}`);
    }
    const payload = definition.payload.safeParse(event.payload);
    if (!payload.success) {
      throw new EventContractError(`${event.type} payload is invalid: ${payload.error.message}`);
    }
    return {
      eventId: event.eventId,
      eventType: event.type,
      topic: definition.topic,
      messageKey: definition.keyOf(payload.data),
      value: encodeEvent(event),
      headers: eventHeaders(event),
      occurredAt: new Date(event.occurredAt),
    };
  }
}
