import { createServer } from 'node:net';

/** A port the launcher is about to hand to one of its processes. */
export interface PlannedPort {
  port: number;
  /** The process that will listen on it: "broker", "payments", "inventory-2" … */
  owner: string;
}

/**
 * The first planned port that something already listens on, found by listening on it for a moment
 * on the interface the launcher's processes use. Before anything starts, this turns "another
 * Fanout is still running" into one line instead of a failure half-way through start-up.
 */
export async function findPortInUse(
  ports: readonly PlannedPort[],
  host = '127.0.0.1',
): Promise<PlannedPort | undefined> {
  for (const planned of ports) {
    if (!(await canListen(planned.port, host))) return planned;
  }
  return undefined;
}

export function portInUseMessage({ port, owner }: PlannedPort): string {
  return (
    `port ${port} (for ${owner}) is already in use: stop whatever listens there ` +
    '(another Fanout?), or start this one with --port-offset <n>'
  );
}

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(new Error(`port ${port}: ${error.message}`));
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
