import type { ProjectGraph } from '@nx/devkit';

/** The order in which the type tags are drawn: from what runs for real down to what it stands on. */
const TYPE_ORDER = [
  'type:app',
  'type:chassis',
  'type:lib',
  'type:contracts',
  'type:test-support',
  'type:tool',
  'type:e2e',
  'type:bench',
];

const START = '<!-- project-graph:start (npx nx run workspace-plugin:graph-docs) -->';
const END = '<!-- project-graph:end -->';

/**
 * The workspace's projects as a Mermaid flowchart: one box per project, grouped by its type tag and
 * labelled with its scope, one arrow per project dependency Nx found in the imports (tests
 * included: a library whose specs start the embedded broker depends on it in this picture).
 */
export function renderProjectGraph(graph: ProjectGraph): string {
  const projects = Object.values(graph.nodes).filter((node) => node.name !== 'workspace');
  const id = (name: string) => name.replace(/[^A-Za-z0-9]/g, '_');
  const tag = (tags: string[] | undefined, axis: string) =>
    tags?.find((t) => t.startsWith(`${axis}:`)) ?? `${axis}:none`;
  const lines = ['```mermaid', 'flowchart LR'];
  const types = [...new Set(projects.map((p) => tag(p.data.tags, 'type')))].sort(
    (a, b) => rank(a) - rank(b),
  );
  for (const type of types) {
    lines.push(`  subgraph ${id(type)}["${type}"]`);
    for (const project of projects
      .filter((p) => tag(p.data.tags, 'type') === type)
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const scope = tag(project.data.tags, 'scope');
      lines.push(`    ${id(project.name)}["${project.name}<br/><small>${scope}</small>"]`);
    }
    lines.push('  end');
  }
  const names = new Set(projects.map((p) => p.name));
  const edges = Object.entries(graph.dependencies)
    .filter(([source]) => names.has(source))
    .flatMap(([source, deps]) =>
      deps
        .filter((dep) => names.has(dep.target) && dep.target !== source && dep.type === 'static')
        .map((dep) => `  ${id(source)} --> ${id(dep.target)}`),
    );
  lines.push(...[...new Set(edges)].sort(), '```');
  return lines.join('\n');
}

function rank(type: string): number {
  const index = TYPE_ORDER.indexOf(type);
  return index === -1 ? TYPE_ORDER.length : index;
}

/** `document` with the text between the project-graph markers replaced by `diagram`. */
export function withProjectGraph(document: string, diagram: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end < start) {
    throw new Error(`the document has no "${START}" … "${END}" markers`);
  }
  return `${document.slice(0, start + START.length)}\n\n${diagram}\n\n${document.slice(end)}`;
}
