import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** What Linux says about one process (from /proc). */
export interface ProcessSample {
  /** User + system CPU time since the process started. */
  cpuSeconds: number;
  rssBytes: number;
  /** Peak resident set size over the process's life (VmHWM). */
  peakRssBytes: number;
}

const clockTicksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

function statusKilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of stat.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return {
    cpuSeconds: ticks / clockTicksPerSecond,
    rssBytes: statusKilobytes(status, 'VmRSS'),
    peakRssBytes: statusKilobytes(status, 'VmHWM'),
  };
}

/** The pid of a running process by its exact command name (e.g. nats-server), if any. */
export function findPidByCommand(command: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) return Number(entry);
    } catch {
      // The process exited while we looked.
    }
  }
  return undefined;
}

/** CPU seconds spent by a process (or by this one) while `work` ran. */
export async function measureCpu<T>(
  pid: number | undefined,
  work: () => Promise<T>,
): Promise<{ result: T; serverCpuSeconds: number; clientCpuSeconds: number }> {
  const serverBefore = pid === undefined ? Number.NaN : sampleProcess(pid).cpuSeconds;
  const clientBefore = process.cpuUsage();
  const result = await work();
  const client = process.cpuUsage(clientBefore);
  const serverAfter = pid === undefined ? Number.NaN : sampleProcess(pid).cpuSeconds;
  return {
    result,
    serverCpuSeconds: serverAfter - serverBefore,
    clientCpuSeconds: (client.user + client.system) / 1e6,
  };
}
