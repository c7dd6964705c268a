import { readdirSync } from 'node:fs';
import { repoPath } from '../support/repo-paths';

/** Every overlay under k8s/overlays: each is checked as it would be applied. */
export const OVERLAYS: string[] = readdirSync(repoPath('k8s/overlays'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
