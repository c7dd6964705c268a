import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { ephemeralPortRange, findFreePort, isPortFree, isProcessAlive } from './process-state';

describe('process state', () => {
  it('never calls a process group alive: pid 0 or below would signal a whole group', () => {
    expect(isProcessAlive(0)).toBe(false);
    expect(isProcessAlive(-1)).toBe(false);
    expect(isProcessAlive(process.pid)).toBe(true);
  });

  it('calls a child that has exited gone', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    const pid = child.pid as number;
    await new Promise((resolve) => child.once('exit', resolve));
    expect(isProcessAlive(pid)).toBe(false);
  });
});

describe('ports', () => {
  it('finds a free port, and sees it taken while something listens on it', async () => {
    const port = await findFreePort();
    expect(await isPortFree(port)).toBe(true);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      expect(await isPortFree(port)).toBe(false);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await isPortFree(port)).toBe(true);
  });

  it('chooses ports below the range the kernel gives outgoing connections', async () => {
    const [ephemeralLow] = ephemeralPortRange();
    const ports = await Promise.all(Array.from({ length: 20 }, () => findFreePort()));
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralLow);
    }
  });
});
