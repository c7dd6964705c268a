import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import { DeadLetterHeaders } from '@fanout/messaging';
import type {
  ConsoleUpdate,
  DeadLetterView,
  GroupView,
  RebalanceNote,
  RecordedEvent,
  ServiceHealthView,
} from './console-view';
import { type GroupPositions, OrderTimelines } from './order-timelines';

const RECENT_EVENTS = 200;
const DEAD_LETTERS = 200;
const REBALANCES = 30;

/**
 * What the console knows, in memory only (it keeps no database: everything it shows is in Kafka
 * or a service's /health), and the stream of changes the page subscribes to.
 */
@Injectable()
export class ConsoleHub {
  readonly updates = new Subject<ConsoleUpdate>();
  readonly timelines = new OrderTimelines();
  private readonly recent: RecordedEvent[] = [];
  private readonly deadLetterList: DeadLetterView[] = [];
  private groupViews: GroupView[] = [];
  private readonly rebalanceNotes: RebalanceNote[] = [];
  private serviceViews: ServiceHealthView[] = [];

  recordEvent(event: RecordedEvent): void {
    this.recent.push(event);
    if (this.recent.length > RECENT_EVENTS) this.recent.shift();
    this.updates.next({ kind: 'event', data: event });
    if (event.topic.endsWith('.dlt')) {
      const letter = toDeadLetterView(event);
      this.deadLetterList.push(letter);
      if (this.deadLetterList.length > DEAD_LETTERS) this.deadLetterList.shift();
      this.updates.next({ kind: 'deadLetter', data: letter });
      return;
    }
    const timeline = this.timelines.record(event);
    if (timeline) this.updates.next({ kind: 'order', data: timeline });
  }

  recordGroups(groups: GroupView[], positions: GroupPositions, now: number): void {
    for (const group of groups) {
      const before = this.groupViews.find((previous) => previous.group === group.group);
      if (before && before.members.length !== group.members.length) {
        this.rebalanceNotes.push({
          group: group.group,
          at: now,
          members: group.members.length,
          previousMembers: before.members.length,
        });
        if (this.rebalanceNotes.length > REBALANCES) this.rebalanceNotes.shift();
      }
    }
    this.groupViews = groups;
    this.updates.next({
      kind: 'groups',
      data: { groups, rebalances: [...this.rebalanceNotes], at: now },
    });
    for (const timeline of this.timelines.markHandled(positions, now)) {
      this.updates.next({ kind: 'order', data: timeline });
    }
  }

  recordServices(services: ServiceHealthView[]): void {
    this.serviceViews = services;
    this.updates.next({ kind: 'services', data: services });
  }

  get events(): RecordedEvent[] {
    return [...this.recent];
  }

  get deadLetters(): DeadLetterView[] {
    return [...this.deadLetterList];
  }

  get groups(): GroupView[] {
    return this.groupViews;
  }

  get rebalances(): RebalanceNote[] {
    return [...this.rebalanceNotes];
  }

  get services(): ServiceHealthView[] {
    return this.serviceViews;
  }
}

/** The headers a consumer's dead-letter publisher adds say why and where from. */
function toDeadLetterView(event: RecordedEvent): DeadLetterView {
  const header = (name: string): string | null => event.headers[name] ?? null;
  return {
    id: event.id,
    topic: event.topic,
    partition: event.partition,
    offset: event.offset,
    eventId: event.eventId,
    eventType: event.type,
    reason: header(DeadLetterHeaders.reason) ?? 'unknown',
    error: header(DeadLetterHeaders.error) ?? '',
    consumerGroup: header(DeadLetterHeaders.consumerGroup) ?? 'unknown',
    original:
      `${header(DeadLetterHeaders.originalTopic) ?? event.topic.replace(/\.dlt$/, '')}/` +
      `${header(DeadLetterHeaders.originalPartition) ?? '?'}@${header(DeadLetterHeaders.originalOffset) ?? '?'}`,
    failedAt: header(DeadLetterHeaders.failedAt),
    seenAt: event.seenAt,
  };
}
