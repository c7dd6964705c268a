import { createServer, type Server } from 'node:net';
import { findPortInUse, portInUseMessage } from './port-check';

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('not listening');
  return address.port;
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('findPortInUse', () => {
  it('names the first planned port that something listens on, and leaves the free ones free', async () => {
    const free = await listen();
    const freePort = portOf(free);
    await close(free);
    const held = await listen();

    try {
      const busy = await findPortInUse([
        { port: freePort, owner: 'broker' },
        { port: portOf(held), owner: 'payments' },
      ]);

      expect(busy).toEqual({ port: portOf(held), owner: 'payments' });
      // The check let go of the free port again.
      await close(await listen(freePort));
    } finally {
      await close(held);
    }
  });

  it('finds nothing when every port is free', async () => {
    const free = await listen();
    const port = portOf(free);
    await close(free);

    expect(await findPortInUse([{ port, owner: 'orders' }])).toBeUndefined();
  });
});

describe('portInUseMessage', () => {
  it('is one line naming the port, its process and the way out', () => {
    const message = portInUseMessage({ port: 3001, owner: 'payments' });

    expect(message).toBe(
      'port 3001 (for payments) is already in use: stop whatever listens there ' +
        '(another Fanout?), or start this one with --port-offset <n>',
    );
    expect(message).not.toContain('\n');
  });
});
