import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { renderProjectGraph, withProjectGraph } from './project-graph/project-graph-diagram';

// Redraws the project graph in docs/architecture.md from the code's imports, as Nx sees them.
const ARCHITECTURE = path.resolve(__dirname, '../../../docs/architecture.md');

async function main(): Promise<void> {
  const graph = await createProjectGraphAsync({ exitOnError: true });
  const before = readFileSync(ARCHITECTURE, 'utf8');
  const after = withProjectGraph(before, renderProjectGraph(graph));
  writeFileSync(ARCHITECTURE, after);
  console.log(
    after === before
      ? 'docs/architecture.md: graph unchanged'
      : 'docs/architecture.md: graph redrawn',
  );
}

void main();
