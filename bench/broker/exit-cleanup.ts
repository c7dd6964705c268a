import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const children = new Set<ChildProcess>();
const directories = new Set<string>();

// Whatever ends the benchmark (an error, the watchdog, Ctrl-C), no child outlives it and no
// temporary directory is left behind.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

/** Kills `child` when this process exits, unless it has exited by then. */
export function killOnExit<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Removes `directory` when this process exits; returns it. */
export function removeOnExit(directory: string): string {
  directories.add(directory);
  return directory;
}
