import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import { eventually } from '@fanout/testing';
import { AdmissionControl, EventLoopLagMonitor, isAlwaysAdmitted } from './admission-control';

/** Just enough of a response for the middleware: headers written, body, 'close'. */
class FakeResponse extends EventEmitter {
  statusCode = 0;
  headers: Record<string, string | number> = {};
  body = '';
  writeHead(status: number, headers: Record<string, string | number>) {
    this.statusCode = status;
    this.headers = headers;
    return this;
  }
  end(body: string) {
    this.body = body;
  }
}

function admit(control: AdmissionControl, url = '/orders') {
  const response = new FakeResponse();
  let admitted = false;
  control.middleware(
    { url } as IncomingMessage,
    response as unknown as ServerResponse,
    () => (admitted = true),
  );
  return { admitted, response, finish: () => response.emit('close') };
}

beforeAll(() => Logger.overrideLogger(false));

describe('AdmissionControl', () => {
  it('admits up to the in-flight cap, sheds the next with 503 + Retry-After, and admits again once one finishes', () => {
    const control = new AdmissionControl({ maxInFlight: 2, lagLimitMs: 0 });
    const first = admit(control);
    const second = admit(control);
    expect([first.admitted, second.admitted, control.inFlight]).toEqual([true, true, 2]);

    const third = admit(control);
    expect(third.admitted).toBe(false);
    expect(third.response.statusCode).toBe(503);
    expect(third.response.headers['Retry-After']).toBe('1');
    expect(JSON.parse(third.response.body)).toMatchObject({ statusCode: 503 });
    expect(control.inFlight).toBe(2);

    first.finish();
    expect(control.inFlight).toBe(1);
    expect(admit(control).admitted).toBe(true);
  });

  it('always admits /health and /metrics, uncounted', () => {
    const control = new AdmissionControl({ maxInFlight: 1, lagLimitMs: 0 });
    admit(control);
    for (const url of ['/health', '/metrics', '/health?x=1', '/metrics/']) {
      expect(admit(control, url).admitted).toBe(true);
    }
    expect(control.inFlight).toBe(1);
    expect(admit(control, '/healthy').admitted).toBe(false);
  });

  it('sheds while the event loop lags more than the limit', () => {
    const lag = { lagMs: 0 };
    const control = new AdmissionControl({ maxInFlight: 0, lagLimitMs: 100, lag });
    expect(admit(control).admitted).toBe(true);
    lag.lagMs = 150;
    expect(control.shedReason()).toBe('event_loop_lag');
    expect(admit(control).response.statusCode).toBe(503);
    expect(admit(control, '/health').admitted).toBe(true);
    lag.lagMs = 20;
    expect(admit(control).admitted).toBe(true);
  });

  it('with both limits at 0, admits everything', () => {
    const control = new AdmissionControl({ maxInFlight: 0, lagLimitMs: 0, lag: { lagMs: 1e6 } });
    for (let i = 0; i < 1000; i++) admit(control);
    expect(control.inFlight).toBe(1000);
  });

  it('counts shed requests by reason in the registry', async () => {
    const registry = new Registry();
    const lag = { lagMs: 0 };
    const control = new AdmissionControl({ maxInFlight: 1, lagLimitMs: 100, lag, registry });
    admit(control);
    admit(control);
    admit(control);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/^fanout_http_requests_shed_total\{reason="in_flight"\} 2$/m);
    expect(metrics).toMatch(/^fanout_http_requests_shed_total\{reason="event_loop_lag"\} 0$/m);
    expect(metrics).toMatch(/^fanout_http_requests_in_flight 1$/m);
  });

  it('recognises the always-admitted paths', () => {
    expect(isAlwaysAdmitted('/health')).toBe(true);
    expect(isAlwaysAdmitted('/orders')).toBe(false);
    expect(isAlwaysAdmitted(undefined)).toBe(false);
  });
});

describe('EventLoopLagMonitor', () => {
  it('reports a blocked event loop as lag, and none once it runs freely again', async () => {
    const monitor = new EventLoopLagMonitor(100);
    monitor.start();
    try {
      const blockUntil = Date.now() + 400;
      while (Date.now() < blockUntil) {
        // a synchronous task holding the loop
      }
      // The lag shows for one sample period (100 ms): watch it closely.
      await eventually(() => monitor.lagMs >= 200, { intervalMs: 5, timeoutMs: 5_000 });
      await eventually(() => monitor.lagMs < 50, { intervalMs: 5, timeoutMs: 5_000 });
    } finally {
      monitor.stop();
    }
    expect(monitor.lagMs).toBe(0);
  });
});
