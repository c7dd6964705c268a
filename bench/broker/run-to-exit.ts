import { spawn } from 'node:child_process';
import { killOnExit } from './exit-cleanup';
import { secondsSince } from './time-limit';

/**
 * Runs `command` to its end, handing each chunk of its stdout to `onStdout` as it arrives (kcat's
 * output can be hundreds of megabytes, so nothing is kept here). Resolves with its wall time once
 * it exits 0; otherwise, or when `limitMs` passes (SIGKILL), rejects with the tail of its stderr.
 */
export function runToExit(
  command: string,
  args: readonly string[],
  options: { label: string; limitMs: number; onStdout: (chunk: Buffer) => void },
): Promise<{ seconds: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = killOnExit(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let stderr = '';
    child.stdout.on('data', options.onStdout);
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.limitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ seconds: secondsSince(start) });
      else reject(new Error(`${options.label} ended with ${code ?? signal}\n${stderr}`));
    });
  });
}
