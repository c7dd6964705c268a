import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventDefinitions } from '../event-registry';
import { formatEventCatalogue } from './format-event-catalogue';

const catalogue = join(__dirname, '../../../../docs/events.md');

describe('docs/events.md', () => {
  it('is up to date with the registry (regenerate: npx nx run contracts:docs)', async () => {
    expect(readFileSync(catalogue, 'utf8')).toBe(await formatEventCatalogue(catalogue));
  });

  it('documents every registered event with its producer and consumers', () => {
    const text = readFileSync(catalogue, 'utf8');
    for (const definition of eventDefinitions) {
      expect(text).toContain(`## ${definition.type} v${definition.version}`);
      expect(text).toContain(`- Producer: ${definition.producer}`);
    }
  });
});
