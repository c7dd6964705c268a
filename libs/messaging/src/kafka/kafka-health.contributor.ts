import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Kafka, type Admin } from 'kafkajs';
import type { HealthContributor } from '@fanout/observability';

const CHECK_TIMEOUT_MS = 2000;

/** GET /health: a Kafka broker answers a metadata request in time. */
@Injectable()
export class KafkaHealthContributor implements HealthContributor, OnApplicationShutdown {
  private admin: Admin | null = null;

  constructor(
    @Inject(Kafka) private readonly kafka: Kafka,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check() {
    const indicator = this.indicators.check('kafka');
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      });
      const cluster = await Promise.race([this.describeCluster(), timeout]);
      return indicator.up({ brokers: cluster.brokers.length });
    } catch (error) {
      await this.dropAdmin();
      return indicator.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dropAdmin();
  }

  private async describeCluster() {
    if (!this.admin) {
      this.admin = this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
    }
    return this.admin.describeCluster();
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = null;
    await admin?.disconnect().catch(() => undefined);
  }
}
