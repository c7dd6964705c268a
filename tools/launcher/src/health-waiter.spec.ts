import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForCatalogue, waitForHealthy } from './health-waiter';

interface Answer {
  status: number;
  body?: unknown;
}

describe('the launcher’s waits', () => {
  let server: Server;
  let base: string;
  /** What the server answers, in turn; once used up, `last`. */
  let answers: Answer[];
  let last: Answer;
  let seen: IncomingHttpHeaders[];

  beforeEach(async () => {
    answers = [];
    last = { status: 200 };
    seen = [];
    server = createServer((request, response) => {
      seen.push(request.headers);
      const { status, body } = answers.shift() ?? last;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => new Promise((resolve) => server.close(resolve)));

  describe('waitForHealthy', () => {
    it('resolves once the service answers 200', async () => {
      answers = [{ status: 503 }, { status: 503 }];

      await expect(
        waitForHealthy(`${base}/health`, { timeoutMs: 5_000, intervalMs: 10 }),
      ).resolves.toBe(undefined);
      expect(answers).toEqual([]);
    });

    it('gives up at the deadline, saying what it last saw', async () => {
      last = { status: 503 };

      await expect(
        waitForHealthy(`${base}/health`, { timeoutMs: 200, intervalMs: 10 }),
      ).rejects.toThrow(/not healthy after 200 ms \(HTTP 503\)/);
    });

    it('gives up at once when the process has died', async () => {
      last = { status: 503 };

      await expect(
        waitForHealthy(`${base}/health`, {
          timeoutMs: 5_000,
          intervalMs: 10,
          isAlive: () => false,
        }),
      ).rejects.toThrow(/the process exited/);
    });
  });

  describe('waitForCatalogue', () => {
    const priced = { items: [{ sku: 'KEYBOARD-01', name: 'Keyboard', unitPriceCents: 4999 }] };

    it('resolves once orders lists a priced SKU, with the token on every poll', async () => {
      answers = [
        { status: 200, body: { items: [] } },
        { status: 200, body: { items: [] } },
      ];
      last = { status: 200, body: priced };

      await expect(
        waitForCatalogue(`${base}/catalogue`, {
          timeoutMs: 5_000,
          intervalMs: 10,
          headers: { authorization: 'Bearer t0ken' },
        }),
      ).resolves.toBe(undefined);
      expect(seen).toHaveLength(3);
      expect(seen.map((headers) => headers.authorization)).toEqual(Array(3).fill('Bearer t0ken'));
    });

    it('gives up at the deadline saying that a first order would be a 422', async () => {
      last = { status: 200, body: { items: [] } };

      await expect(
        waitForCatalogue(`${base}/catalogue`, { timeoutMs: 200, intervalMs: 10 }),
      ).rejects.toThrow(
        /orders has learnt no price from the products topic after 200 ms \(.*\/catalogue: no SKU priced yet\); an order would be refused with 422/,
      );
    });

    it('reports a refused token or an answer of another shape as what it last saw', async () => {
      last = { status: 401 };
      await expect(
        waitForCatalogue(`${base}/catalogue`, { timeoutMs: 100, intervalMs: 10 }),
      ).rejects.toThrow(/catalogue: HTTP 401\)/);

      last = { status: 200, body: { prices: [] } };
      await expect(
        waitForCatalogue(`${base}/catalogue`, { timeoutMs: 100, intervalMs: 10 }),
      ).rejects.toThrow(/the answer has no "items" list/);
    });
  });
});
