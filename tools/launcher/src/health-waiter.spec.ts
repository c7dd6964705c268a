import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForHealthy } from './health-waiter';

describe('waitForHealthy', () => {
  let server: Server;
  let url: string;
  let answers: number[];

  beforeEach(async () => {
    answers = [];
    server = createServer((_request, response) => {
      response.writeHead(answers.shift() ?? 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  });

  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('resolves once the service answers 200', async () => {
    answers = [503, 503];

    await expect(waitForHealthy(url, { timeoutMs: 5_000, intervalMs: 10 })).resolves.toBe(
      undefined,
    );
    expect(answers).toEqual([]);
  });

  it('gives up at the deadline, saying what it last saw', async () => {
    answers = Array(1_000).fill(503);

    await expect(waitForHealthy(url, { timeoutMs: 200, intervalMs: 10 })).rejects.toThrow(
      /not healthy after 200 ms \(HTTP 503\)/,
    );
  });

  it('gives up at once when the process has died', async () => {
    answers = Array(1_000).fill(503);

    await expect(
      waitForHealthy(url, { timeoutMs: 5_000, intervalMs: 10, isAlive: () => false }),
    ).rejects.toThrow(/the process exited/);
  });
});
