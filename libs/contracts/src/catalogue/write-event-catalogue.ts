import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEventCatalogue } from './format-event-catalogue';

// Run from the repository root: `npx nx run contracts:docs`.
async function main(): Promise<void> {
  const target = join(process.cwd(), 'docs', 'events.md');
  writeFileSync(target, await formatEventCatalogue(target));
  console.log(`wrote ${target}`);
}

void main();
