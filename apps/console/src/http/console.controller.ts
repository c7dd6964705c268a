import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  type MessageEvent,
  Param,
  Post,
  ServiceUnavailableException,
  Sse,
} from '@nestjs/common';
import { concat, map, type Observable, of } from 'rxjs';
import { z } from 'zod';
import { serviceNames } from '@fanout/contracts';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';
import { LauncherControlClient } from '../control/launcher-control.client';
import { allTopics, consumedTopics } from '../kafka/console-kafka';
import { EventTap } from '../kafka/event-tap.service';
import { ConsoleHub } from '../state/console-hub';
import type { ConsoleState } from '../state/console-view';
import { eventDefinitions, topicNames } from '@fanout/contracts';
import { ServiceHealthPoller } from './service-health.service';

const orderForm = z.object({
  customer: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/)
    .default('console-visitor'),
  items: z
    .array(z.object({ sku: z.string().min(1).max(40), quantity: z.int().min(1).max(1000) }))
    .min(1)
    .max(20),
});
const scaleForm = z.object({ replicas: z.int().min(0).max(6) });
const replayForm = z.object({
  topic: z.string().min(1),
  eventId: z.string().optional(),
  group: z.string().optional(),
});
const burstForm = z.object({
  rate: z.number().positive().max(500),
  duration: z.number().positive().max(120),
});
const serviceName = z.enum(serviceNames);

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new BadRequestException(z.prettifyError(result.error));
  return result.data;
}

/**
 * The page's API: its state, the stream of changes, and the controls (which go to the orders API
 * with a customer's token, or to the launcher's control endpoint; nothing here writes to Kafka).
 */
@Controller()
export class ConsoleController {
  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly hub: ConsoleHub,
    private readonly tap: EventTap,
    private readonly control: LauncherControlClient,
    private readonly health: ServiceHealthPoller,
  ) {}

  /** Healthy once the console's group has its partitions: from then on it misses no event. */
  @Get('health')
  healthCheck(): { status: string } {
    if (!this.tap.ready)
      throw new ServiceUnavailableException('the console consumer has not joined its group yet');
    return { status: 'ok' };
  }

  @Get('api/state')
  state(): ConsoleState {
    return {
      topology: {
        services: [...serviceNames],
        topics: [...topicNames],
        produces: [
          ...new Map(
            eventDefinitions.map((d) => [
              `${d.producer}>${d.topic}`,
              { service: d.producer, topic: d.topic },
            ]),
          ).values(),
        ],
        consumes: [
          ...Object.entries(consumedTopics()).map(([group, topics]) => ({ group, topics })),
          { group: this.config.groupId, topics: allTopics() },
        ],
      },
      controls: { launcher: this.control.enabled },
      orders: this.hub.timelines.all(),
      events: this.hub.events,
      groups: this.hub.groups,
      rebalances: this.hub.rebalances,
      services: this.hub.services,
      deadLetters: this.hub.deadLetters,
    };
  }

  /** Server-Sent Events: the page's EventSource reconnects by itself after a restart. */
  @Sse('api/stream')
  stream(): Observable<MessageEvent> {
    return concat(
      of({ type: 'hello', data: { at: Date.now() } }),
      this.hub.updates.pipe(map((update) => ({ type: update.kind, data: update.data }))),
    );
  }

  /** An order as a customer places it: through the orders API, with a token the launcher signs. */
  @Post('api/orders')
  async placeOrder(@Body() body: unknown): Promise<unknown> {
    const form = parse(orderForm, body);
    const token = await this.control.customerToken(form.customer);
    const response = await fetch(`${this.config.serviceUrls.orders}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: form.items }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      throw new BadRequestException({ message: `orders answered ${response.status}`, answer });
    }
    return answer;
  }

  @Post('api/services/:service/stop')
  @HttpCode(200)
  async stop(@Param('service') service: string): Promise<unknown> {
    const result = await this.control.stop(parse(serviceName, service));
    await this.health.refresh();
    return result;
  }

  @Post('api/services/:service/start')
  @HttpCode(200)
  async start(@Param('service') service: string): Promise<unknown> {
    const result = await this.control.start(parse(serviceName, service));
    await this.health.refresh();
    return result;
  }

  @Post('api/services/:service/scale')
  @HttpCode(200)
  async scale(@Param('service') service: string, @Body() body: unknown): Promise<unknown> {
    const { replicas } = parse(scaleForm, body);
    const result = await this.control.scale(parse(serviceName, service), replicas);
    await this.health.refresh();
    return result;
  }

  @Post('api/dead-letters/replay')
  @HttpCode(200)
  replay(@Body() body: unknown): Promise<unknown> {
    return this.control.replay(parse(replayForm, body));
  }

  @Post('api/load')
  @HttpCode(202)
  burst(@Body() body: unknown): Promise<unknown> {
    return this.control.burst(parse(burstForm, body));
  }
}
