import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The pids listening on the given local TCP ports (from /proc/net/tcp{,6} and each process's open
 * sockets), so that `npm run load` can report CPU and memory of a system it did not start.
 */
export function listeningPids(ports: Record<string, number>): Record<string, number> {
  const inodeToName = new Map<string, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // st 0A is LISTEN; local_address is hex ip:port.
      if (fields.length < 10 || fields[3] !== '0A') continue;
      const port = parseInt(fields[1].split(':')[1], 16);
      const name = Object.keys(ports).find((key) => ports[key] === port);
      if (name) inodeToName.set(fields[9], name);
    }
  }
  const result: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      const name = inode ? inodeToName.get(inode) : undefined;
      if (name) result[name] = Number(entry);
    }
  }
  return result;
}
