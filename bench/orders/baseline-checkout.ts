import { execFileSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * A detached git worktree of `revision`, sharing this checkout's node_modules, so that the bench
 * can run an earlier version of the system side by side with this one, in the same run.
 */
export function baselineCheckout(revision: string): {
  root: string;
  label: string;
  remove(): void;
} {
  const commit = execFileSync('git', ['rev-parse', '--short', revision], { cwd: REPO_ROOT })
    .toString()
    .trim();
  const root = path.join(os.tmpdir(), `fanout-baseline-${commit}`);
  if (!existsSync(root)) {
    execFileSync('git', ['worktree', 'add', '--detach', root, commit], {
      cwd: REPO_ROOT,
      stdio: 'ignore',
    });
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'));
  }
  return {
    root,
    label: commit,
    remove: () => {
      execFileSync('git', ['worktree', 'remove', '--force', root], {
        cwd: REPO_ROOT,
        stdio: 'ignore',
      });
    },
  };
}
