import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { serviceNames } from '@fanout/contracts';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';
import { type LauncherInstance, LauncherControlClient } from '../control/launcher-control.client';
import { ConsoleHub } from '../state/console-hub';
import type { ServiceHealthView, ServiceInstanceHealth } from '../state/console-view';

const HEALTH_POLL_MS = 1_000;
const HEALTH_TIMEOUT_MS = 1_500;

/**
 * Each service instance's GET /health (the one route that needs no token). Under the launcher,
 * its list of instances says where they are (inventory's replicas, a stopped payments); otherwise
 * one URL per service (<SERVICE>_URL).
 */
@Injectable()
export class ServiceHealthPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig,
    private readonly control: LauncherControlClient,
    private readonly hub: ConsoleHub,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Looks now rather than at the next tick: after a control action the page should not lag. */
  async refresh(): Promise<void> {
    this.hub.recordServices(await this.look());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.refresh()
        .catch(() => undefined)
        .finally(() => this.schedule(HEALTH_POLL_MS));
    }, delayMs);
  }

  private async look(): Promise<ServiceHealthView[]> {
    const listed = await this.instances();
    return Promise.all(
      serviceNames.map(async (service) => ({
        service,
        instances: await Promise.all((listed[service] ?? []).map((i) => probe(i))),
      })),
    );
  }

  private async instances(): Promise<Record<string, LauncherInstance[]>> {
    if (this.control.enabled) {
      try {
        const { services } = await this.control.services();
        return Object.fromEntries(services.map(({ service, instances }) => [service, instances]));
      } catch {
        // The launcher is stopping: the configured URLs still answer for a moment.
      }
    }
    return Object.fromEntries(
      serviceNames.map((service) => [
        service,
        [{ label: service, url: this.config.serviceUrls[service], running: true }],
      ]),
    );
  }
}

async function probe(instance: LauncherInstance): Promise<ServiceInstanceHealth> {
  const base = { label: instance.label, url: instance.url };
  if (!instance.running) return { ...base, status: 'stopped', detail: 'stopped by the launcher' };
  try {
    const response = await fetch(`${instance.url}/health`, {
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    });
    return response.ok
      ? { ...base, status: 'up', detail: 'healthy' }
      : { ...base, status: 'down', detail: `/health answered ${response.status}` };
  } catch (error) {
    return { ...base, status: 'down', detail: (error as Error).message };
  }
}
