import type { NodeProcess } from '@fanout/node-process';
import { eventually } from './eventually';

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
      async () => (await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) })).ok,
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
      { cause: error },
    );
  }
}
