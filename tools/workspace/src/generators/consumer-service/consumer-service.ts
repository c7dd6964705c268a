import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatFiles, generateFiles, type GeneratorCallback, names, type Tree } from '@nx/devkit';
import { eventDefinitionsOnTopic, type TopicName, topicNames } from '@fanout/contracts';
import { registerInDeployments } from './deployment-entries';
import { registerInWorkspace } from './workspace-entries';

export interface ConsumerServiceSchema {
  name: string;
  /** Comma-separated topic names (the CLI's --topics orders,payments). */
  topics: string;
  port?: number;
  skipFormat?: boolean;
}

/** What the templates and the registry edits are given. */
export interface ConsumerServiceOptions {
  name: string;
  /** PascalCase: AnalyticsModule, AnalyticsService. */
  className: string;
  /** camelCase: analyticsSchema. */
  propertyName: string;
  port: number;
  topics: readonly TopicName[];
}

const SERVICES_FILE = 'libs/contracts/src/services.ts';
const CATALOGUE_SCRIPT = 'libs/contracts/src/catalogue/write-event-catalogue.ts';
const GRAPH_SCRIPT = 'tools/workspace/src/main.ts';

/**
 * `npx nx g @fanout/workspace:consumer-service <name> --topics orders,payments`: a new service on
 * the chassis, shaped like apps/notifications, that reads the chosen topics in full, and its line
 * in the contracts' service declarations, from which the launcher, the Kafka principals and ACLs,
 * and the docs follow; compose, Kubernetes and the Dockerfile get its entries too (files that
 * cannot read the contracts).
 */
export async function consumerServiceGenerator(
  tree: Tree,
  schema: ConsumerServiceSchema,
): Promise<GeneratorCallback> {
  const options = normalizeOptions(tree, schema);
  const { name } = options;
  if (tree.exists(`apps/${name}`)) throw new Error(`apps/${name} exists already`);

  const topics = options.topics.map((topic) => {
    const events = eventDefinitionsOnTopic(topic).map((definition) => definition.type);
    if (events.length === 0) throw new Error(`no event is published on the topic ${topic}`);
    return {
      name: topic,
      className: names(topic).className,
      events,
      sample: sampleEvent(topic),
    };
  });
  const substitutions = {
    tmpl: '',
    ...options,
    topics,
    topicList: humanList(options.topics),
    firstEvent: topics[0].sample,
    // Migrations run in name order after the chassis' (1764100000000): a fresh timestamp sorts last.
    timestamp: String(Date.now()),
  };
  generateFiles(tree, path.join(__dirname, 'files'), `apps/${name}`, substitutions);
  for (const topic of topics) {
    generateFiles(tree, path.join(__dirname, 'topic-files'), `apps/${name}`, {
      ...substitutions,
      topic,
      topicName: topic.name,
    });
  }
  registerInWorkspace(tree, options);
  registerInDeployments(tree, options);
  if (!schema.skipFormat) await formatFiles(tree);
  // Redrawn from the code once the files are written: the event catalogue (the new consumer of
  // each event) and the project graph in docs/architecture.md (the new app).
  return () => {
    for (const script of [CATALOGUE_SCRIPT, GRAPH_SCRIPT]) {
      if (existsSync(path.join(tree.root, script))) {
        execFileSync(process.execPath, ['-r', '@swc-node/register', script], {
          cwd: tree.root,
          stdio: 'inherit',
        });
      }
    }
    console.log(
      `\napps/${name} is declared in ${SERVICES_FILE}, on port ${options.port}. Next: ` +
        `npx nx test ${name} (its unit and end-to-end tests), then npm start.`,
    );
  };
}

function normalizeOptions(tree: Tree, schema: ConsumerServiceSchema): ConsumerServiceOptions {
  const name = schema.name.trim();
  if (!/^[a-z][a-z0-9]*$/.test(name)) {
    throw new Error(
      `"${name}": one lowercase word, as it names the consumer group, the Kafka principal, the ` +
        `database and ${name.toUpperCase()}_DATABASE_URL`,
    );
  }
  const topics = [
    ...new Set(
      schema.topics
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean),
    ),
  ];
  if (topics.length === 0) throw new Error('--topics needs at least one topic');
  const unknown = topics.filter((topic) => !(topicNames as readonly string[]).includes(topic));
  if (unknown.length > 0) {
    throw new Error(`unknown topic(s) ${unknown.join(', ')}: expected ${topicNames.join(', ')}`);
  }
  const declaredPorts = portsDeclaredIn(tree.read(SERVICES_FILE, 'utf-8') ?? '');
  const port = schema.port ?? Math.max(...declaredPorts) + 1;
  if (declaredPorts.includes(port)) throw new Error(`port ${port} is taken already`);
  const { className, propertyName } = names(name);
  return { name, className, propertyName, port, topics: topics as TopicName[] };
}

/** Every port services.ts declares (services and other apps): a new one takes the next free. */
export function portsDeclaredIn(servicesSource: string): number[] {
  const ports = [...servicesSource.matchAll(/^\s+\w+: (?:\{ port: )?(\d{4,5})\b/gm)].map(
    ([, port]) => Number(port),
  );
  if (ports.length === 0) throw new Error(`no service ports found in ${SERVICES_FILE}`);
  return ports;
}

/** The first event on a topic, with its example payload as TypeScript source. */
function sampleEvent(topic: TopicName) {
  const [definition] = eventDefinitionsOnTopic(topic);
  return {
    type: definition.type,
    producer: definition.producer,
    topic,
    example: toSource(definition.example),
  };
}

/** A value as a TypeScript literal (Prettier formats it afterwards). */
function toSource(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toSource).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${key}: ${toSource(item)}`);
    return `{ ${entries.join(', ')} }`;
  }
  return typeof value === 'string' ? `'${value.replace(/[\\']/g, '\\$&')}'` : String(value);
}

function humanList(items: readonly string[]): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
