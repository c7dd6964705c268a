import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Whether a process exists and has not exited. A zombie (exited, not yet reaped; e.g. an orphan
 * whose new parent does not reap) counts as gone: it holds no ports and runs nothing.
 */
export function isProcessAlive(pid: number): boolean {
  // 0 and negative pids name process groups, not a process.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat: "pid (comm) S ...": the state follows the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (macOS): kill(0) is all there is.
    return true;
  }
}

/** Whether 127.0.0.1:port can be bound right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Below this, ports that services and tools on a developer's machine tend to use. */
const LOWEST_CHOSEN_PORT = 20_000;

/**
 * Where the kernel picks the source ports of outgoing connections (Linux's ip_local_port_range).
 * A port found free there can be taken by any process's next connection before the child binds it.
 */
export function ephemeralPortRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low > LOWEST_CHOSEN_PORT && high >= low) return [low, high];
  } catch {
    // No /proc (macOS): its default range.
  }
  return [49152, 65535];
}

/**
 * A port that was free a moment ago, for a child that must be told its port. Chosen below the
 * ephemeral range: a port the OS hands out for `listen(0)` comes from that range, and a test
 * system opening hundreds of connections (pools, Kafka clients) took one before the service
 * bound it ("port … is already in use", seen in CI).
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port =
      LOWEST_CHOSEN_PORT + Math.floor(Math.random() * (ephemeralLow - LOWEST_CHOSEN_PORT));
    if (await isPortFree(port, host)) return port;
  }
  throw new Error(`no free port between ${LOWEST_CHOSEN_PORT} and ${ephemeralLow - 1} on ${host}`);
}
