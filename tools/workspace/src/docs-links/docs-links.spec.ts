import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brokenBecause, headingSlug, relativeLinks } from './docs-links';

const ROOT = path.resolve(__dirname, '../../../..');
const DOCUMENTS = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];

describe('links in the README and docs/', () => {
  it.each(DOCUMENTS)('%s: every relative link resolves', (document) => {
    const source = path.join(ROOT, document);
    const broken = relativeLinks(source, readFileSync(source, 'utf8'))
      .map((link) => ({ link, why: brokenBecause(link) }))
      .filter(({ why }) => why !== undefined)
      .map(({ link, why }) => `${document}:${link.line} [${link.text}](${link.target}): ${why}`);
    expect(broken).toEqual([]);
  });

  it('catches a line link whose code has moved, a missing file and a missing heading', () => {
    const source = path.join(ROOT, 'docs/concepts.md');
    const link = (text: string, target: string) => ({ source, line: 1, text, target });
    expect(brokenBecause(link('`TOPIC_PARTITIONS`', '../libs/contracts/src/topics.ts#L1'))).toMatch(
      /does not mention TOPIC_PARTITIONS/,
    );
    expect(brokenBecause(link('x', '../libs/nowhere.ts'))).toMatch(/does not exist/);
    expect(brokenBecause(link('x', 'architecture.md#no-such-heading'))).toMatch(/no heading/);
    expect(brokenBecause(link('x', '../libs/contracts/src/topics.ts#L99999'))).toMatch(/lines/);
  });

  it('slugs headings the way GitHub does', () => {
    expect(headingSlug('Asynchronous, not request/response')).toBe(
      'asynchronous-not-requestresponse',
    );
    expect(headingSlug('Prices from the catalogue: event-carried state transfer')).toBe(
      'prices-from-the-catalogue-event-carried-state-transfer',
    );
  });
});
