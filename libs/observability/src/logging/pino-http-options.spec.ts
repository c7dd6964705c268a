import { Writable } from 'node:stream';
import pino from 'pino';
import { buildPinoHttpOptions, maskQueryValues } from './pino-http-options';

/** A pino logger with the services' options, writing its lines into `lines`. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const { level, base, redact, serializers } = buildPinoHttpOptions('orders', {
    LOG_LEVEL: 'info',
  });
  return { lines, logger: pino({ level, base, redact, serializers }, destination) };
}

describe('log lines carry no credentials, SQL parameter values or customer ids', () => {
  it('censors authorization headers and cookies', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        headers: { authorization: 'Bearer secret', cookie: 'sid=secret', accept: '*/*' },
        res: { headers: { 'set-cookie': 'sid=secret' } },
      },
      'with headers',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('secret');
    expect(lines[0]).toMatchObject({
      headers: { authorization: '[redacted]', cookie: '[redacted]', accept: '*/*' },
    });
  });

  it('censors the parameters and detail of a failed query', () => {
    const { lines, logger } = capture();
    const error = Object.assign(new Error('duplicate key value violates unique constraint'), {
      query: 'INSERT INTO orders (customer_id) VALUES ($1)',
      parameters: ['customer-secret'],
      driverError: { detail: 'Key (customer_id)=(customer-secret) already exists.' },
    });
    logger.error({ err: error }, 'failed');
    expect(JSON.stringify(lines)).not.toContain('customer-secret');
    expect(lines[0]?.['err']).toMatchObject({
      message: 'duplicate key value violates unique constraint',
      parameters: '[redacted]',
    });
  });

  it('masks query string values in request lines', () => {
    expect(maskQueryValues('/orders?customerId=customer-42&limit=20&flag')).toBe(
      '/orders?customerId=~&limit=~&flag',
    );
    expect(maskQueryValues('/orders/abc')).toBe('/orders/abc');
    const serialize = buildPinoHttpOptions('orders', {}).serializers?.['req'];
    expect(serialize?.({ id: 1, method: 'GET', url: '/orders?customerId=c-1' })).toEqual({
      id: 1,
      method: 'GET',
      url: '/orders?customerId=~',
    });
  });
});
