/**
 * Memory of a running `npm start`, per process the launcher started (with everything that process
 * started: the PostgreSQL server under its owner), from Linux's /proc:
 *
 *   node -r @swc-node/register tools/launcher/src/memory-report.ts <launcher pid>
 *
 * RSS counts every page a process maps, shared ones in full; PSS divides each shared page among
 * the processes that map it, so PSS adds up across processes. PostgreSQL's backends share its
 * buffers: their RSS summed counts the buffers once per backend, their PSS once in all.
 */
import { readdirSync, readFileSync } from 'node:fs';

interface Memory {
  rssKb: number;
  pssKb: number;
  processes: number;
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((candidate) => statFields(candidate)?.[1] === String(pid));
}

function processTree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(processTree)];
}

function memoryOf(pids: readonly number[]): Memory {
  const total: Memory = { rssKb: 0, pssKb: 0, processes: 0 };
  for (const pid of pids) {
    let rollup: string;
    try {
      rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    } catch {
      continue;
    }
    const field = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);
    total.rssKb += field('Rss');
    total.pssKb += field('Pss');
    total.processes += 1;
  }
  return total;
}

/** broker, postgres, orders, inventory-2 …: from the command line the launcher gave the child. */
function labelOf(pid: number): string {
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  // The sources (…/main.ts) or, as npm start runs them, their compiled files (…/main.js).
  if (args.some((arg) => /libs\/broker\/src\/cli\/main\.[jt]s$/.test(arg))) return 'broker';
  if (args.some((arg) => /tools\/launcher\/src\/postgres-main\.[jt]s$/.test(arg))) {
    return 'postgres (server + its node owner)';
  }
  const service = args
    .map((arg) => /apps\/([a-z]+)\/src\/main\.[jt]s$/.exec(arg)?.[1])
    .find(Boolean);
  if (service) {
    const instance = /^INSTANCE_ID=(.+)$/m.exec(
      readFileSync(`/proc/${pid}/environ`, 'utf8').replaceAll('\0', '\n'),
    )?.[1];
    return instance ?? service;
  }
  return args.slice(0, 3).join(' ');
}

const mb = (kb: number): string => (kb / 1024).toFixed(0);

function report(launcherPid: number): string {
  const rows: Array<[string, Memory]> = [['launcher', memoryOf([launcherPid])]];
  for (const child of childrenOf(launcherPid)) {
    const tree = processTree(child);
    rows.push([labelOf(child), memoryOf(tree)]);
    // The server alone, without the Node process that owns it.
    if (labelOf(child).startsWith('postgres')) {
      rows.push(['  of which PostgreSQL', memoryOf(tree.slice(1))]);
    }
  }
  const counted = rows.filter(([label]) => !label.startsWith('  '));
  const total = counted.reduce(
    (sum, [, m]) => ({
      rssKb: sum.rssKb + m.rssKb,
      pssKb: sum.pssKb + m.pssKb,
      processes: sum.processes + m.processes,
    }),
    { rssKb: 0, pssKb: 0, processes: 0 },
  );
  const width = Math.max(...rows.map(([label]) => label.length), 'total'.length);
  const line = (label: string, m: Memory) =>
    `| ${label.padEnd(width)} | ${String(m.processes).padStart(9)} | ${mb(m.rssKb).padStart(7)} | ${mb(m.pssKb).padStart(7)} |`;
  return [
    `| ${'process'.padEnd(width)} | processes | RSS MB  | PSS MB  |`,
    `|${'-'.repeat(width + 2)}|-----------|---------|---------|`,
    ...rows.map(([label, m]) => line(label, m)),
    line('total', total),
  ].join('\n');
}

const pid = Number(process.argv[2]);
if (!Number.isInteger(pid) || pid <= 0) {
  process.stderr.write('usage: memory-report.ts <launcher pid>\n');
  process.exit(2);
}
process.stdout.write(`${report(pid)}\n`);
