import { eventually } from './eventually';
import type { NodeProcess } from '@fanout/node-process';

/**
 * Polls `healthUrl` until it answers 200; gives up at once if the process exits, and puts the tail
 * of its log in the error either way.
 */
export async function waitUntilHealthy(
  service: NodeProcess,
  healthUrl: string,
  timeoutMs: number,
): Promise<void> {
  try {
    await eventually(
      async () => {
        const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
        return response.ok ? true : undefined;
      },
      {
        timeoutMs,
        intervalMs: 250,
        description: `${service.name} healthy`,
        giveUpIf: () => (service.running ? undefined : 'the process exited'),
      },
    );
  } catch (error) {
    throw new Error(
      `${(error as Error).message}\n--- ${service.name} log ---\n${service.logTail()}`,
    );
  }
}
