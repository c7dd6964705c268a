import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../../../..');

export const repoPath = (...segments: string[]): string => join(REPO_ROOT, ...segments);

export const SCHEMAS_DIR = resolve(__dirname, '../../schemas');
