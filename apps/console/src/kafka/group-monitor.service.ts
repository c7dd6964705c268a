import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type Admin, AssignerProtocol, Kafka } from 'kafkajs';
import { serviceNames } from '@fanout/contracts';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';
import { ConsoleHub } from '../state/console-hub';
import type { GroupView, MemberView, PartitionView } from '../state/console-view';
import type { GroupPositions } from '../state/order-timelines';
import { allTopics, consumedTopics } from './console-kafka';

/** Often enough that a page shows a commit within half a second of it. */
export const GROUP_POLL_MS = 400;

interface TopicEnds {
  low: bigint;
  high: bigint;
}

/**
 * The consumer groups as Kafka's admin API shows them: members and their partitions
 * (DescribeGroups), committed offsets (OffsetFetch) and end offsets (ListOffsets). Read-only:
 * the console's principal may describe the services' groups, not join or commit for them.
 */
@Injectable()
export class GroupMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GroupMonitor.name);
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private previous = new Map<string, Map<string, bigint>>();
  private lastError = '';

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly hub: ConsoleHub,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.admin?.disconnect();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule(GROUP_POLL_MS));
    }, delayMs);
  }

  private async poll(): Promise<void> {
    const admin = this.admin;
    if (!admin) return;
    try {
      const topicsOf: Record<string, string[]> = {
        ...consumedTopics(),
        [this.config.groupId]: allTopics(),
      };
      const groups = [...serviceNames, this.config.groupId];
      const ends = await this.endOffsets(admin);
      const described = await admin.describeGroups(groups);
      const views: GroupView[] = [];
      const committedBy = new Map<string, Map<string, bigint>>();
      for (const group of groups) {
        const topics = topicsOf[group] ?? [];
        const description = described.groups.find((g) => g.groupId === group);
        const members: MemberView[] = (description?.members ?? []).map((member) => ({
          memberId: member.memberId,
          clientId: member.clientId,
          host: member.clientHost.replace(/^\//, ''),
          assignment: decodeAssignment(member.memberAssignment),
        }));
        const committed = await admin.fetchOffsets({ groupId: group, topics });
        const positions = new Map<string, bigint>();
        const partitions: PartitionView[] = [];
        for (const { topic, partitions: fetched } of committed) {
          for (const { partition, offset } of fetched) {
            const end = ends.get(`${topic}:${partition}`) ?? { low: 0n, high: 0n };
            const has = Number(offset) >= 0;
            if (has) positions.set(`${topic}:${partition}`, BigInt(offset));
            const from = has ? BigInt(offset) : end.low;
            partitions.push({
              topic,
              partition,
              committed: has ? offset : null,
              end: end.high.toString(),
              lag: Number(end.high > from ? end.high - from : 0n),
              owner: ownerOf(members, topic, partition),
            });
          }
        }
        partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
        committedBy.set(group, positions);
        const before = this.previous.get(group);
        const advanced = topics.filter((topic) =>
          [...positions].some(
            ([key, offset]) =>
              key.startsWith(`${topic}:`) &&
              before !== undefined &&
              offset > (before.get(key) ?? -1n),
          ),
        );
        views.push({
          group,
          state: description?.state ?? 'Unknown',
          topics,
          members: members.sort((a, b) => a.clientId.localeCompare(b.clientId)),
          partitions,
          totalLag: partitions.reduce((sum, p) => sum + p.lag, 0),
          advanced,
        });
      }
      this.previous = committedBy;
      const positions: GroupPositions = {
        committed: (group, topic, partition) =>
          committedBy.get(group)?.get(`${topic}:${partition}`),
        owner: (group, topic, partition) => {
          const view = views.find((v) => v.group === group);
          return view ? ownerOf(view.members, topic, partition) : null;
        },
      };
      this.hub.recordGroups(views, positions, Date.now());
      this.lastError = '';
    } catch (error) {
      // Kafka away (a broker restart): said once, and the next look tries again.
      const message = (error as Error).message;
      if (message !== this.lastError)
        this.logger.warn({ msg: 'consumer groups unreadable', err: message });
      this.lastError = message;
    }
  }

  private async endOffsets(admin: Admin): Promise<Map<string, TopicEnds>> {
    const ends = new Map<string, TopicEnds>();
    await Promise.all(
      allTopics().map(async (topic) => {
        for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
          ends.set(`${topic}:${partition}`, { low: BigInt(low), high: BigInt(high) });
        }
      }),
    );
    return ends;
  }
}

function decodeAssignment(bytes: Buffer): Record<string, number[]> {
  if (!bytes || bytes.length === 0) return {};
  try {
    const decoded = AssignerProtocol.MemberAssignment.decode(bytes);
    const assignment: Record<string, number[]> = {};
    for (const [topic, partitions] of Object.entries(decoded?.assignment ?? {})) {
      assignment[topic] = [...partitions].sort((a, b) => a - b);
    }
    return assignment;
  } catch {
    return {};
  }
}

function ownerOf(members: MemberView[], topic: string, partition: number): string | null {
  return members.find((m) => m.assignment[topic]?.includes(partition))?.clientId ?? null;
}
