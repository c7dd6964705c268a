import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface DocLink {
  /** The Markdown file the link is in, and the line. */
  source: string;
  line: number;
  text: string;
  target: string;
}

/** Relative links of a Markdown document (web links and in-page anchors are not files). */
export function relativeLinks(source: string, markdown: string): DocLink[] {
  const links: DocLink[] = [];
  let inFence = false;
  markdown.split('\n').forEach((content, index) => {
    if (/^\s*```/.test(content)) inFence = !inFence;
    if (inFence) return;
    for (const [, text = '', target = ''] of content.matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue;
      // An in-page anchor is a link to this document's own heading.
      const file = target.startsWith('#') ? `${path.basename(source)}${target}` : target;
      links.push({ source, line: index + 1, text, target: file });
    }
  });
  return links;
}

/**
 * Why a link does not resolve, or undefined when it does. A `#L<n>` anchor must be a line of the
 * file, and when the link's text names code (`` `Outbox.add` ``), the last word of that name must
 * stand on that line or the two after it: so a link goes stale when the code moves, not silently.
 * A `#heading` anchor into Markdown must be one of its headings.
 */
export function brokenBecause(link: DocLink): string | undefined {
  const [file, anchor] = link.target.split('#') as [string, string | undefined];
  const resolved = path.resolve(path.dirname(link.source), decodeURIComponent(file));
  if (!existsSync(resolved)) return `${file} does not exist`;
  if (!anchor) return undefined;
  const content = readFileSync(resolved, 'utf8');
  const lineAnchor = /^L(\d+)$/.exec(anchor);
  if (lineAnchor) {
    const lineNumber = Number(lineAnchor[1]);
    const lines = content.split('\n');
    if (lineNumber < 1 || lineNumber > lines.length) {
      return `${file} has ${lines.length} lines, not ${lineNumber}`;
    }
    const named = /`([^`]+)`/.exec(link.text)?.[1];
    // A file's name says where, not what: only a code name is looked for on the line.
    const word =
      named && !/\.\w+$/.test(named) ? named.match(/[A-Za-z_$][\w$]*/g)?.at(-1) : undefined;
    if (word && !lines.slice(lineNumber - 1, lineNumber + 2).some((l) => l.includes(word))) {
      return `${file}:${lineNumber} does not mention ${word} (the code moved: update the line)`;
    }
    return undefined;
  }
  if (file.endsWith('.md')) {
    const slugs = content
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => headingSlug(l.replace(/^#+ /, '')));
    return slugs.includes(anchor) ? undefined : `${file} has no heading #${anchor}`;
  }
  return undefined;
}

/** The anchor GitHub gives a heading. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
