/**
 * What the console sends the page (GET /api/state, and the Server-Sent Events of /api/stream):
 * plain JSON, so the page needs no schema of its own.
 */

/** One Kafka record as the console's consumer saw it. */
export interface RecordedEvent {
  /** `<topic>/<partition>@<offset>`: where it is in Kafka, and its id on the page. */
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** The envelope's type (event-type header), null for a record that is not an event. */
  type: string | null;
  eventId: string | null;
  producer: string | null;
  /** The record's timestamp: when its producer sent it (ms since the epoch). */
  producedAt: number;
  /** When the console's consumer read it. */
  seenAt: number;
  headers: Record<string, string>;
  /** The value, parsed when it is JSON. */
  value: unknown;
}

/** A consumer group's commit past an event: the group has handled it. */
export interface HandledMark {
  group: string;
  /** The member that owned the partition then (its client id, KAFKA_CLIENT_ID). */
  instance: string;
  /** When the console saw the commit. */
  at: number;
  /** From the event's production to that commit. */
  afterMs: number;
}

export type StepRole = 'start' | 'result' | 'outcome' | 'compensation' | 'notification' | 'other';

export interface TimelineStep {
  event: RecordedEvent;
  role: StepRole;
  /** The groups that consume this event type (the contracts say which). */
  consumers: string[];
  handled: Record<string, HandledMark>;
}

export type OrderStatus = 'PENDING' | 'COMPLETED' | 'CANCELLED';

/** One order's fan-out: every event keyed by its id, in the order the console saw them. */
export interface OrderTimeline {
  orderId: string;
  status: OrderStatus;
  reason: string | null;
  steps: TimelineStep[];
  updatedAt: number;
}

export interface MemberView {
  memberId: string;
  clientId: string;
  host: string;
  /** The partitions the group's leader gave this member, per topic. */
  assignment: Record<string, number[]>;
}

export interface PartitionView {
  topic: string;
  partition: number;
  /** The group's committed offset, null when it has committed none there. */
  committed: string | null;
  /** The partition's end offset (high watermark). */
  end: string;
  lag: number;
  /** The client id of the member that owns it, null when nobody does. */
  owner: string | null;
}

export interface GroupView {
  group: string;
  state: string;
  /** The topics this group consumes (from the contracts; the console's own: all of them). */
  topics: string[];
  members: MemberView[];
  partitions: PartitionView[];
  totalLag: number;
  /** The topics on which the group committed further since the previous look: its arrows light. */
  advanced: string[];
}

export interface RebalanceNote {
  group: string;
  at: number;
  members: number;
  previousMembers: number;
}

export interface ServiceInstanceHealth {
  label: string;
  url: string;
  /** up: /health answered 200; down: it answered otherwise or not at all; stopped: by the launcher. */
  status: 'up' | 'down' | 'stopped';
  detail: string;
}

export interface ServiceHealthView {
  service: string;
  instances: ServiceInstanceHealth[];
}

export interface DeadLetterView {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  eventId: string | null;
  eventType: string | null;
  reason: string;
  error: string;
  consumerGroup: string;
  original: string;
  failedAt: string | null;
  seenAt: number;
}

export interface TopologyView {
  services: string[];
  topics: string[];
  /** Who produces to which topic (the contracts). */
  produces: { service: string; topic: string }[];
  /** One arrow per consumer group: the topics it reads. */
  consumes: { group: string; topics: string[] }[];
}

export interface ConsoleState {
  topology: TopologyView;
  controls: { launcher: boolean };
  orders: OrderTimeline[];
  events: RecordedEvent[];
  groups: GroupView[];
  rebalances: RebalanceNote[];
  services: ServiceHealthView[];
  deadLetters: DeadLetterView[];
}

/** A push to the page: its name is the SSE event name. */
export type ConsoleUpdate =
  | { kind: 'event'; data: RecordedEvent }
  | { kind: 'order'; data: OrderTimeline }
  | { kind: 'groups'; data: { groups: GroupView[]; rebalances: RebalanceNote[]; at: number } }
  | { kind: 'services'; data: ServiceHealthView[] }
  | { kind: 'deadLetter'; data: DeadLetterView };
