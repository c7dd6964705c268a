import type { Tree } from '@nx/devkit';
import { deadLetterTopic, type TopicName, topicNames } from '@fanout/contracts';
import type { ConsumerServiceOptions } from './consumer-service';

/**
 * Declares the service in the contracts (its port and the topics it reads), which is all the
 * launcher, the Kafka principals and ACLs and the event catalogue need; then the few places that
 * cannot import the contracts or that a spec holds to them (ESLint's scope list, the launcher's
 * colours, docs/security.md's table of grants), each only if it still lists services by hand.
 */
export function registerInWorkspace(tree: Tree, options: ConsumerServiceOptions): void {
  edit(tree, 'libs/contracts/src/services.ts', (source) => declareService(source, options));
  editIfPresent(tree, 'eslint.config.mjs', (source) =>
    source.replace(
      /^(const SERVICES = \[)([^\]]*)(\];)$/m,
      (_, open: string, list: string, close: string) => `${open}${list}, '${options.name}'${close}`,
    ),
  );
  editIfPresent(tree, 'tools/launcher/src/service-catalog.ts', (source) =>
    addLauncherColour(source, options.name),
  );
  editIfPresent(tree, 'docs/security.md', (source) => addGrantsRow(source, options));
}

/** A line in `serviceDeclarations`, before its closing brace. */
export function declareService(source: string, options: ConsumerServiceOptions): string {
  const declarations = /^export const serviceDeclarations = \{\n[\s\S]*?\n(?=\} as const)/m;
  const match = declarations.exec(source);
  if (!match) throw new Error('services.ts: `export const serviceDeclarations = {` not found');
  if (new RegExp(`^\\s+${options.name}: `, 'm').test(match[0])) {
    throw new Error(`services.ts declares ${options.name} already`);
  }
  const topics = options.topics.map((topic) => `'${topic}'`).join(', ');
  const line = `  ${options.name}: { port: ${options.port}, readsTopics: [${topics}] },\n`;
  const end = match.index + match[0].length;
  return source.slice(0, end) + line + source.slice(end);
}

/** The launcher's log colours, while they are a Record of every service. */
function addLauncherColour(source: string, name: string): string {
  const colours = /(const COLOURS: Record<ServiceName, number> = \{\n)([\s\S]*?)(\n\};)/.exec(
    source,
  );
  if (!colours) return source;
  const used = [...colours[2].matchAll(/: (\d+),/g)].map(([, code]) => Number(code));
  // The foreground colours 31-37 (red … white), then the bright ones 91-97.
  const palette = [31, 32, 33, 34, 35, 36, 37, 91, 92, 93, 94, 95, 96, 97];
  const colour = palette.find((code) => !used.includes(code)) ?? 37;
  const start = colours.index + colours[1].length + colours[2].length;
  return `${source.slice(0, start)}\n  ${name}: ${colour},${source.slice(start)}`;
}

/**
 * The row tools/kafka's renderGrantsTable gives a service that produces nothing and reads whole
 * topics: WRITE on their dead-letter topics only, READ on them and on its own group.
 */
export function grantsRow(name: string, topics: readonly TopicName[]): string {
  const reads = [...topics].sort();
  const code = (items: readonly string[]) =>
    items.length === 0 ? '—' : items.map((item) => `\`${item}\``).join(', ');
  return `| \`User:${name}\` | ${code(reads.map(deadLetterTopic))} | ${code(reads)} | \`${name}\` |`;
}

function addGrantsRow(source: string, options: ConsumerServiceOptions): string {
  const operatorRow = /^\| `User:operator` +\|/m.exec(source);
  if (!operatorRow) return source;
  const row = grantsRow(options.name, options.topics);
  return `${source.slice(0, operatorRow.index)}${row}\n${source.slice(operatorRow.index)}`;
}

/** Every Fanout topic and its dead-letter topic, in the order the operator creates them. */
export function fanoutTopics(): string[] {
  return topicNames.flatMap((topic) => [topic, deadLetterTopic(topic)]);
}

export function edit(tree: Tree, file: string, change: (source: string) => string): void {
  const source = tree.read(file, 'utf-8');
  if (source === null) throw new Error(`${file} is missing`);
  tree.write(file, change(source));
}

export function editIfPresent(tree: Tree, file: string, change: (source: string) => string): void {
  const source = tree.read(file, 'utf-8');
  if (source !== null) tree.write(file, change(source));
}
