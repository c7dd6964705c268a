import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createProjectGraphAsync } from '@nx/devkit';
import { renderProjectGraph, withProjectGraph } from './project-graph-diagram';

const ARCHITECTURE = path.resolve(__dirname, '../../../../docs/architecture.md');

describe('the project graph in docs/architecture.md', () => {
  it('is the graph of the code as it is (redraw: npx nx run workspace-plugin:graph-docs)', async () => {
    const graph = await createProjectGraphAsync({ exitOnError: true });
    const document = readFileSync(ARCHITECTURE, 'utf8');
    expect(withProjectGraph(document, renderProjectGraph(graph))).toBe(document);
  }, 60_000);

  it('groups projects by type tag, labels them with their scope and draws static imports', () => {
    const node = (name: string, tags: string[]) => ({
      name,
      type: 'lib' as const,
      data: { root: name, tags },
    });
    const diagram = renderProjectGraph({
      nodes: {
        orders: node('orders', ['scope:orders', 'type:app']),
        chassis: node('chassis', ['scope:shared', 'type:chassis']),
      },
      dependencies: {
        orders: [
          { source: 'orders', target: 'chassis', type: 'static' },
          { source: 'orders', target: 'npm:typeorm', type: 'static' },
        ],
        chassis: [],
      },
    });
    expect(diagram.split('\n')).toEqual([
      '```mermaid',
      'flowchart LR',
      '  subgraph type_app["type:app"]',
      '    orders["orders<br/><small>scope:orders</small>"]',
      '  end',
      '  subgraph type_chassis["type:chassis"]',
      '    chassis["chassis<br/><small>scope:shared</small>"]',
      '  end',
      '  orders --> chassis',
      '```',
    ]);
  });

  it('refuses a document without the markers rather than appending somewhere', () => {
    expect(() => withProjectGraph('# no markers', 'x')).toThrow(/markers/);
  });
});
