import { createLinePrefixer, formatLogLine } from './log-prefixer';

const time = Date.parse('2026-11-26T14:02:11.337Z');

describe('formatLogLine', () => {
  it('shortens a pino line to time, level, context, message and its own fields', () => {
    const line = JSON.stringify({
      level: 30,
      time,
      pid: 4242,
      hostname: 'box',
      context: 'PaymentsHandler',
      orderId: 'o-1',
      eventId: 'e-1',
      msg: 'payment completed',
    });

    expect(formatLogLine(line)).toBe(
      '14:02:11.337 INFO  [PaymentsHandler] payment completed orderId=o-1 eventId=e-1',
    );
  });

  it('shortens where an event was read and leaves out what the prefix already says', () => {
    const line = JSON.stringify({
      level: 30,
      time,
      service: 'inventory',
      instance: 'inventory-2',
      eventId: 'e-1',
      eventType: 'OrderCreated',
      orderId: 'o-1',
      correlationId: 'o-1',
      topic: 'orders',
      partition: 3,
      offset: '117',
      context: 'EventConsumer',
      msg: 'event processed',
    });

    expect(formatLogLine(line)).toBe(
      '14:02:11.337 INFO  [EventConsumer] event processed orders/3@117 eventId=e-1 eventType=OrderCreated orderId=o-1',
    );
  });

  it('shows an HTTP request log as method, path, status and duration', () => {
    const line = JSON.stringify({
      level: 30,
      time,
      req: { id: 1, method: 'POST', url: '/orders', headers: { host: 'x' } },
      res: { statusCode: 201, headers: {} },
      responseTime: 12,
      msg: 'request completed',
    });

    expect(formatLogLine(line)).toBe(
      '14:02:11.337 INFO  request completed POST /orders -> 201 (12 ms)',
    );
  });

  it('prints an error stack on the lines after the message', () => {
    const line = JSON.stringify({
      level: 50,
      time,
      msg: 'relay failed',
      err: { type: 'Error', message: 'boom', stack: 'Error: boom\n    at relay (outbox.ts:1:1)' },
    });

    expect(formatLogLine(line)).toBe(
      '14:02:11.337 ERROR relay failed\nError: boom\n    at relay (outbox.ts:1:1)',
    );
  });

  it('keeps lines that are not pino JSON as they are', () => {
    expect(formatLogLine('    at Object.<anonymous> (main.ts:3:9)')).toBe(
      '    at Object.<anonymous> (main.ts:3:9)',
    );
    expect(formatLogLine('{"not":"a log line"}')).toBe('{"not":"a log line"}');
    expect(formatLogLine('{broken json')).toBe('{broken json');
  });
});

describe('createLinePrefixer', () => {
  const line = JSON.stringify({ level: 40, time, msg: 'lag is growing' });

  it('pads the label so that replicas and services line up', () => {
    const prefix = createLinePrefixer({ label: 'orders', width: 11, colour: 36, useColour: false });

    expect(prefix(line)).toBe('orders      | 14:02:11.337 WARN  lag is growing');
  });

  it('colours the label and the level only when asked to', () => {
    const prefix = createLinePrefixer({ label: 'orders', width: 6, colour: 36, useColour: true });

    expect(prefix(line)).toBe(
      '\x1b[36morders\x1b[0m | 14:02:11.337 \x1b[33mWARN \x1b[0m lag is growing',
    );
  });
});
