import { z } from 'zod';
import type { EventDefinition } from '../event-definition';
import type { EventEnvelope } from '../event-envelope';
import { EventHeaders } from '../event-headers';
import { eventDefinitions } from '../event-registry';
import { deadLetterTopic, TOPIC_PARTITIONS, topicConfigs, topicKeys, topicNames } from '../topics';

/**
 * Renders docs/events.md from the registry, so the catalogue cannot drift from the code:
 * a unit test fails when the committed file differs from this output.
 */
export function renderEventCatalogue(
  definitions: readonly EventDefinition[] = eventDefinitions,
): string {
  const lines: string[] = [
    '# Event catalogue',
    '',
    '<!-- Generated from libs/contracts by `npx nx run contracts:docs`; do not edit by hand. -->',
    '',
    `Topics: ${topicNames.map((topic) => `\`${topic}\``).join(', ')}; ${TOPIC_PARTITIONS} partitions each.`,
    'Every message is keyed by what it is about (so all events about one order, or one product, stay in',
    'order on one partition):',
    '',
    '| topic | key | configs |',
    '|---|---|---|',
    ...topicNames.map(
      (topic) =>
        `| \`${topic}\` | ${topicKeys[topic]} | ${
          Object.entries(topicConfigs[topic])
            .map(([name, value]) => `\`${name}=${value}\``)
            .join(', ') || 'the cluster defaults'
        } |`,
    ),
    '',
    `A message a consumer can never process goes to \`<topic>.dlt\` (e.g. \`${deadLetterTopic('orders')}\`).`,
    '',
    'Every event is a JSON envelope; the payload is validated with zod by the producer and again by',
    'every consumer. Kafka headers repeat the metadata: ' +
      Object.values(EventHeaders)
        .map((header) => `\`${header}\``)
        .join(', ') +
      ' (`causation-id` only when there is a cause).',
    '',
    '| event | version | topic | producer | consumers |',
    '|---|---|---|---|---|',
    ...definitions.map(
      (definition) =>
        `| [${definition.type}](#${anchor(definition)}) | ${definition.version} | ${definition.topic} | ` +
        `${definition.producer} | ${definition.consumers.join(', ') || '(none yet)'} |`,
    ),
    '',
  ];
  for (const definition of definitions) {
    lines.push(...renderEvent(definition));
  }
  return lines.join('\n');
}

function renderEvent(definition: EventDefinition): string[] {
  const schema = z.toJSONSchema(definition.payload, { io: 'input' });
  delete (schema as Record<string, unknown>)['$schema'];
  return [
    `## ${definition.type} v${definition.version}`,
    '',
    definition.description,
    '',
    `- Topic: \`${definition.topic}\`, key: ${topicKeys[definition.topic]}`,
    `- Producer: ${definition.producer}`,
    `- Consumers: ${definition.consumers.join(', ') || '(none yet)'}`,
    '',
    'Payload schema (JSON Schema):',
    '',
    '```json',
    JSON.stringify(schema, null, 2),
    '```',
    '',
    'Example message value:',
    '',
    '```json',
    JSON.stringify(exampleEnvelope(definition), null, 2),
    '```',
    '',
  ];
}

function anchor(definition: EventDefinition): string {
  return `${definition.type}-v${definition.version}`.toLowerCase();
}

function exampleEnvelope(definition: EventDefinition): EventEnvelope {
  return {
    eventId: '7f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e',
    type: definition.type,
    version: definition.version,
    occurredAt: '2026-01-01T12:00:00.000Z',
    correlationId: '0b8f2a52-6f4e-4d0e-9c39-3d1c7c0f5a11',
    causationId:
      definition.producer === 'orders' && definition.type === 'OrderCreated'
        ? null
        : '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    producer: definition.producer,
    payload: definition.example,
  };
}
