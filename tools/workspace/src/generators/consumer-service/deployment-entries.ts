import type { Tree } from '@nx/devkit';
import { deadLetterTopic, MANAGEMENT_PORT_OFFSET } from '@fanout/contracts';
import type { ConsumerServiceOptions } from './consumer-service';
import { edit, editIfPresent, fanoutTopics } from './workspace-entries';

/**
 * The service the Kubernetes manifests of a new one are copied from: notifications, the simplest
 * consumer (one topic in, one topic out), whose Deployment already has every probe, limit and
 * security setting the deploy checks require.
 */
const TEMPLATE_SERVICE = 'notifications';
const TEMPLATE_PORT = 3003;

/**
 * The files that describe the deployments and cannot import the contracts: docker-compose.yml
 * (the service, its Kafka user and ACLs), the embedded-broker override, the PostgreSQL init
 * scripts, k8s/ (Deployment, Service, database Secret, HPA, KafkaUser, image), the Dockerfile.
 * tools/deploy-checks holds each of them to the contracts.
 */
export function registerInDeployments(tree: Tree, options: ConsumerServiceOptions): void {
  editIfPresent(tree, 'docker-compose.yml', (source) =>
    addToConsole(addToCompose(source, options), options),
  );
  editIfPresent(tree, 'docker-compose.embedded.yml', (source) =>
    addToEmbeddedCompose(source, options.name),
  );
  editIfPresent(tree, 'docker/postgres/create-service-databases.sql', (source) =>
    appendLine(source, `CREATE DATABASE ${options.name};`),
  );
  editIfPresent(tree, 'Dockerfile', (source) => addToDockerfile(source, options));
  if (tree.exists('k8s/base')) addToKubernetes(tree, options);
}

/** The service's principal: WRITE on the dead letters of what it reads, READ, DESCRIBE the rest. */
function grants(options: ConsumerServiceOptions) {
  const reads = [...options.topics].sort();
  const writes = reads.map(deadLetterTopic);
  const describes = fanoutTopics().filter(
    (topic) => !writes.includes(topic) && !(reads as string[]).includes(topic),
  );
  return { reads, writes, describes };
}

function addToCompose(source: string, options: ConsumerServiceOptions): string {
  const { name, port } = options;
  const upper = name.toUpperCase();
  const password = `\${FANOUT_KAFKA_PASSWORD_${upper}:-change-me-${name}}`;
  let result = source;

  // The SCRAM user, formatted into Kafka's volume with the others.
  const scram = [...result.matchAll(/^( +)--add-scram 'SCRAM-SHA-512=\[name=[^\n]*$/gm)].pop();
  if (scram?.index !== undefined) {
    // The last one ends the command: it gets a continuation, the new one ends it instead.
    const continued = scram[0].endsWith('\\');
    const previous = continued ? scram[0] : `${scram[0]} \\`;
    const line = `${scram[1]}--add-scram 'SCRAM-SHA-512=[name=${name},password=${password}]'`;
    result =
      result.slice(0, scram.index) +
      `${previous}\n${line}${continued ? ' \\' : ''}` +
      result.slice(scram.index + scram[0].length);
  }

  // Its ACLs, after the last service's (and its continuation lines), in the topic job.
  const lines = result.split('\n');
  const lastAcl = lines.findLastIndex((line) => /^ +acl \w+ \w+ /.test(line));
  if (lastAcl >= 0) {
    let end = lastAcl;
    while (lines[end].endsWith('\\') && end + 1 < lines.length) end += 1;
    const indent = /^ */.exec(lines[lastAcl])?.[0] ?? '';
    const { reads, writes, describes } = grants(options);
    const topics = (list: readonly string[]) => list.map((topic) => `--topic ${topic}`);
    lines.splice(
      end + 1,
      0,
      ...wrap(`${indent}acl ${name} Write`, topics(writes), indent),
      ...wrap(`${indent}acl ${name} Read`, [...topics(reads), `--group ${name}`], indent),
      ...wrap(`${indent}acl ${name} Describe`, topics(describes), indent),
    );
    result = lines.join('\n');
  }

  const block = [
    `  ${name}:`,
    '    <<: *service',
    '    build:',
    '      context: .',
    `      target: ${name}`,
    `    image: fanout/${name}:local`,
    '    environment:',
    '      <<: *service-environment',
    `      KAFKA_SASL_USERNAME: ${name}`,
    `      KAFKA_SASL_PASSWORD: ${password}`,
    `      PORT: ${port}`,
    `      ${upper}_DATABASE_URL: postgres://fanout:\${POSTGRES_PASSWORD:-fanout}@postgres:5432/${name}`,
    '    ports:',
    `      - target: ${port}`,
    '        host_ip: 127.0.0.1',
    '',
  ].join('\n');
  const before = /^ {2}# Profile `ui`|^ {2}kafka-ui:|^volumes:/m.exec(result);
  if (!before) throw new Error('docker-compose.yml: no place found for a new service');
  return `${result.slice(0, before.index)}${block}\n${result.slice(before.index)}`;
}

/** `prefix arg arg …` on lines of at most 100 characters, continued with a backslash. */
function wrap(prefix: string, args: readonly string[], indent: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const arg of args) {
    if (`${line} ${arg} \\`.length > 100) {
      lines.push(`${line} \\`);
      line = `${indent}  ${arg}`;
    } else {
      line = `${line} ${arg}`;
    }
  }
  return [...lines, line];
}

function addToEmbeddedCompose(source: string, name: string): string {
  const block = [
    `  ${name}:`,
    '    # No Kafka login: this broker takes none (see the top of this file).',
    '    environment:',
    '      KAFKA_SASL_MECHANISM: !reset null',
    '      KAFKA_SASL_USERNAME: !reset null',
    '      KAFKA_SASL_PASSWORD: !reset null',
    '    depends_on: !override',
    '      postgres:',
    '        condition: service_healthy',
    '      kafka:',
    '        condition: service_healthy',
    '',
  ].join('\n');
  const volumes = /^volumes:/m.exec(source);
  if (!volumes) return `${source.trimEnd()}\n${block}`;
  const head = source.slice(0, volumes.index).replace(/\n+$/, '\n');
  return `${head}${block}\n${source.slice(volumes.index)}`;
}

function addToDockerfile(source: string, options: ConsumerServiceOptions): string {
  const { name, port } = options;
  const built = source.replace(
    /(tools\/build\/src\/main\.ts(?: [a-z0-9]+)+)/,
    (command: string) => `${command} ${name}`,
  );
  const target = [
    `FROM runtime AS ${name}`,
    `ENV PORT=${port}`,
    `COPY --from=build /app/dist/apps/${name} ./dist/apps/${name}`,
    `EXPOSE ${port}`,
    `CMD ["node", "dist/apps/${name}/main.js"]`,
    '',
  ].join('\n');
  const lastTarget = [...built.matchAll(/^CMD \["node", "dist\/apps\/[^\n]*\n/gm)].pop();
  if (lastTarget?.index === undefined) return built;
  const end = lastTarget.index + lastTarget[0].length;
  return `${built.slice(0, end)}\n${target}${built.slice(end)}`;
}

function addToKubernetes(tree: Tree, options: ConsumerServiceOptions): void {
  const { name, port } = options;
  const templateDir = `k8s/base/${TEMPLATE_SERVICE}`;
  const rename = (text: string) =>
    text
      .replaceAll(TEMPLATE_SERVICE, name)
      .replaceAll(TEMPLATE_SERVICE.toUpperCase(), name.toUpperCase())
      .replaceAll(
        String(TEMPLATE_PORT + MANAGEMENT_PORT_OFFSET),
        String(port + MANAGEMENT_PORT_OFFSET),
      )
      .replaceAll(String(TEMPLATE_PORT), String(port));
  for (const file of tree.children(templateDir)) {
    const text = tree.read(`${templateDir}/${file}`, 'utf-8');
    if (text !== null) tree.write(`k8s/base/${name}/${file}`, rename(text));
  }
  editIfPresent(tree, 'k8s/base/console/deployment.yaml', (source) =>
    addToConsole(source, options),
  );
  edit(tree, 'k8s/base/kustomization.yaml', (source) =>
    source.replace(
      new RegExp(`^( +)- ${TEMPLATE_SERVICE}\\n`, 'm'),
      (line: string, indent: string) => `${line}${indent}- ${name}\n`,
    ),
  );
  editIfPresent(tree, 'k8s/base/postgres/init-scripts.yaml', (source) => {
    const creates = [...source.matchAll(/^( +)CREATE DATABASE \w+;\n?/gm)].pop();
    if (creates?.index === undefined) return source;
    const end = creates.index + creates[0].length;
    const line = `${creates[1]}CREATE DATABASE ${name};\n`;
    return `${source.slice(0, end).replace(/\n?$/, '\n')}${line}${source.slice(end)}`;
  });
  for (const overlay of tree.children('k8s/overlays')) {
    editIfPresent(tree, `k8s/overlays/${overlay}/kustomization.yaml`, (source) =>
      source.replace(
        new RegExp(`^( +)- name: fanout/${TEMPLATE_SERVICE}\\n((?:\\1  [^\\n]*\\n)*)`, 'm'),
        (entry: string) => `${entry}${entry.replaceAll(TEMPLATE_SERVICE, name)}`,
      ),
    );
  }
  editIfPresent(tree, 'k8s/base/kafka/users.yaml', (source) =>
    appendLine(addToConsole(source, options).trimEnd(), kafkaUser(options)),
  );
}

/** The Strimzi KafkaUser with the ACLs tools/kafka derives for the service. */
function kafkaUser(options: ConsumerServiceOptions): string {
  const { name } = options;
  const { reads, writes, describes } = grants(options);
  const rule = (type: 'topic' | 'group', resource: string, operation: string) => [
    `      - resource: { type: ${type}, name: ${resource}, patternType: literal }`,
    `        operations: [${operation}]`,
  ];
  return [
    '---',
    'apiVersion: kafka.strimzi.io/v1',
    'kind: KafkaUser',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    app.kubernetes.io/name: ${name}`,
    '    app.kubernetes.io/part-of: fanout',
    '    strimzi.io/cluster: fanout',
    'spec:',
    '  authentication:',
    '    type: scram-sha-512',
    '  authorization:',
    '    type: simple',
    '    acls:',
    ...writes.flatMap((topic) => rule('topic', topic, 'Write')),
    ...reads.flatMap((topic) => rule('topic', topic, 'Read')),
    ...describes.flatMap((topic) => rule('topic', topic, 'Describe')),
    ...rule('group', name, 'Read'),
  ].join('\n');
}

/**
 * The console (apps/console) watches every service: it waits for each one's health in compose,
 * is given each one's URL, and may describe each one's consumer group. Wherever it lists the
 * template service, the new one is listed after it.
 */
function addToConsole(source: string, options: ConsumerServiceOptions): string {
  const { name, port } = options;
  const upper = name.toUpperCase();
  const template = TEMPLATE_SERVICE;
  const templateUpper = TEMPLATE_SERVICE.toUpperCase();
  const follow = (pattern: RegExp, text: string, make: (indent: string) => string) =>
    text.replace(pattern, (found: string, indent: string) => `${found}${make(indent)}`);
  let result = source;
  // compose: the console starts once every service is healthy.
  result = follow(
    new RegExp(`^( +)${template}:\n\\1  condition: service_healthy\n`, 'm'),
    result,
    (indent) => `${indent}${name}:\n${indent}  condition: service_healthy\n`,
  );
  // compose and k8s: each service's URL, for its /health.
  result = follow(
    new RegExp(`^( +)${templateUpper}_URL: http://${template}:${TEMPLATE_PORT}\n`, 'm'),
    result,
    (indent) => `${indent}${upper}_URL: http://${name}:${port}\n`,
  );
  result = follow(
    new RegExp(
      `^( +)- name: ${templateUpper}_URL\n\\1  value: http://${template}:${TEMPLATE_PORT}\n`,
      'm',
    ),
    result,
    (indent) => `${indent}- name: ${upper}_URL\n${indent}  value: http://${name}:${port}\n`,
  );
  // compose's topic job and Strimzi: the console may describe every service's group.
  result = result.replace(
    new RegExp(`^( +)(acl console Describe(?: --group \\w+)* --group ${template})$`, 'm'),
    (_, indent: string, line: string) => `${indent}${line} \\\n${indent}  --group ${name}`,
  );
  result = follow(
    new RegExp(
      `^( +)- resource: \\{ type: group, name: ${template}, patternType: literal \\}\n\\1  operations: \\[Describe\\]\n`,
      'm',
    ),
    result,
    (indent) =>
      `${indent}- resource: { type: group, name: ${name}, patternType: literal }\n` +
      `${indent}  operations: [Describe]\n`,
  );
  return result;
}

function appendLine(source: string, line: string): string {
  return `${source.replace(/\n*$/, '\n')}${line}\n`;
}
