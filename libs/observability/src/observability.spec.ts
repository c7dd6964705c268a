import { Writable } from 'node:stream';
import { Controller, Get, Injectable, type INestApplication, Logger } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import type { HealthContributor } from './health/health-contributor';
import { HealthModule } from './health/health.module';
import { withLogContext } from './logging/log-context';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';

jest.setTimeout(30_000);

/** A dependency the test can switch off: the real HealthModule reports on it. */
@Injectable()
class SwitchableDependency implements HealthContributor {
  static up = true;
  constructor(private readonly indicators: HealthIndicatorService) {}
  async check() {
    const indicator = this.indicators.check('switchable');
    return SwitchableDependency.up ? indicator.up() : indicator.down({ message: 'switched off' });
  }
}

@Controller('work')
class WorkController {
  private readonly logger = new Logger(WorkController.name);

  @Get()
  async work(): Promise<string> {
    await withLogContext({ eventId: 'event-1', orderId: 'order-1' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      this.logger.log({ msg: 'inside the event' });
    });
    this.logger.log({ msg: 'outside the event' });
    return 'done';
  }
}

describe('observability: logs, health and metrics of a real Nest app', () => {
  const lines: Record<string, unknown>[] = [];
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    process.env['LOG_LEVEL'] = 'info';
    process.env['INSTANCE_ID'] = 'instance-7';
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        LoggingModule.forRoot({ service: 'payments', destination }),
        MetricsModule.forRoot({ service: 'payments' }),
        HealthModule.forRoot({ contributors: [SwitchableDependency] }),
      ],
      controllers: [WorkController],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(PinoNestLogger));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await app?.close();
    delete process.env['INSTANCE_ID'];
  });

  it('writes JSON lines naming the service and instance, with event fields inside withLogContext', async () => {
    expect((await fetch(`${url}/work`)).status).toBe(200);
    const inside = lines.find((line) => line['msg'] === 'inside the event');
    const outside = lines.find((line) => line['msg'] === 'outside the event');
    expect(inside).toMatchObject({
      service: 'payments',
      instance: 'instance-7',
      eventId: 'event-1',
      orderId: 'order-1',
    });
    expect(outside).toMatchObject({ service: 'payments' });
    expect(outside).not.toHaveProperty('eventId');
    const request = lines.find((line) => line['msg'] === 'request completed');
    expect(request).toMatchObject({
      req: { method: 'GET', url: '/work' },
      res: { statusCode: 200 },
    });
  });

  it('answers /health with 200 when every dependency is up and 503 when one is down', async () => {
    SwitchableDependency.up = true;
    const up = await fetch(`${url}/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', info: { switchable: { status: 'up' } } });

    SwitchableDependency.up = false;
    const down = await fetch(`${url}/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'error',
      error: { switchable: { status: 'down', message: 'switched off' } },
    });
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/process_cpu_seconds_total\{service="payments"/);
  });
});
