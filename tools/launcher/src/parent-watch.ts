/**
 * Parent watch: preloaded (`node -r`) into every process the launcher starts, so that a child
 * stops when the launcher is gone, however it went (SIGKILL, a crash, a closed terminal).
 *
 * The launcher starts each child with an IPC channel. The kernel closes the channel when the
 * launcher's process ends, and Node then emits 'disconnect' here. The child answers with a SIGTERM
 * to itself: the signal the launcher would have sent, so the child's own shutdown runs (Nest's
 * shutdown hooks in a service, close() in the broker CLI). Whatever still runs ORPHAN_GRACE_MS
 * later exits, as the launcher would have SIGKILLed it.
 *
 * The launcher stops the services before the broker, which they need to commit and leave their
 * groups. An orphaned broker keeps that order: the launcher tells it (an OutliveMessage) which
 * processes to outlive, and it stops once they are gone.
 *
 * Nothing else starts a service or the broker with this preload, so a service run on its own (in
 * a container, by Kubernetes, by hand) behaves as it always has. Without an IPC channel this
 * module does nothing.
 */
import { readFileSync } from 'node:fs';

/** The launcher's grace period for a service: the longest an orphan takes to stop. */
export const ORPHAN_GRACE_MS = 15_000;
const POLL_MS = 100;

/** Sent by the launcher: stop only after these processes, once the launcher is gone. */
export interface OutliveMessage {
  outlive: number[];
}

function isOutliveMessage(message: unknown): message is OutliveMessage {
  const outlive = (message as Partial<OutliveMessage> | null)?.outlive;
  return Array.isArray(outlive) && outlive.every((pid) => Number.isInteger(pid));
}

function hasExited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  // An orphan that init has not reaped yet still answers kill(0), as a zombie: it has exited.
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

function watchParent(channel: NonNullable<typeof process.channel>): void {
  let outlive: number[] = [];
  process.on('message', (message: unknown) => {
    if (isOutliveMessage(message)) outlive = message.outlive;
  });
  // stdout and stderr are pipes the launcher reads: once it is gone, a write fails with EPIPE,
  // which must not turn the shutdown into a crash. Those lines have no reader any more.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  process.once('disconnect', () => {
    const giveUpAt = Date.now() + ORPHAN_GRACE_MS;
    const stopWhenAlone = (): void => {
      if (Date.now() < giveUpAt && !outlive.every(hasExited)) {
        setTimeout(stopWhenAlone, POLL_MS);
        return;
      }
      setTimeout(() => process.exit(1), ORPHAN_GRACE_MS).unref();
      process.kill(process.pid, 'SIGTERM');
    };
    stopWhenAlone();
  });
  // The channel only watches: it must not keep a child alive that has finished otherwise.
  channel.unref();
}

if (process.channel) watchParent(process.channel);
