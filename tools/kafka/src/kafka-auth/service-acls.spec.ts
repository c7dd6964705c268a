import { readFileSync } from 'node:fs';
import path from 'node:path';
import { eventDefinitions, serviceNames } from '@fanout/contracts';
import {
  CONSOLE,
  consoleAcls,
  fanoutAcls,
  fanoutTopics,
  renderGrantsTable,
  serviceAcls,
  serviceGrants,
} from './service-acls';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** Table rows with their cells trimmed: Prettier pads the columns of the document's table. */
const markdownTables = (markdown: string): string =>
  markdown
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .split('|')
        .map((cell) => cell.trim().replace(/^-+$/, '-'))
        .join('|'),
    )
    .join('\n');

describe('the services’ Kafka ACLs', () => {
  const acls = serviceAcls();
  const allowed = (service: string, operation: string, topic: string) =>
    acls.some(
      (acl) =>
        acl.principal === `User:${service}` &&
        acl.resourceType === 'TOPIC' &&
        acl.resourceName === topic &&
        acl.operation === operation,
    );

  it('let payments write only payments (and the dead letters of orders, which it reads)', () => {
    expect(serviceGrants('payments')).toEqual({
      service: 'payments',
      writes: ['payments'],
      deadLetters: ['orders.dlt'],
      reads: ['orders'],
      group: 'payments',
    });
  });

  it('let each event’s producer write its topic, and each consumer read it', () => {
    for (const definition of eventDefinitions) {
      expect(allowed(definition.producer, 'WRITE', definition.topic)).toBe(true);
      for (const consumer of definition.consumers) {
        expect(allowed(consumer, 'READ', definition.topic)).toBe(true);
      }
    }
  });

  it('let no service write a topic whose events another service produces', () => {
    for (const definition of eventDefinitions) {
      for (const other of serviceNames.filter((s) => s !== definition.producer)) {
        expect({
          other,
          topic: definition.topic,
          writes: allowed(other, 'WRITE', definition.topic),
        }).toEqual({ other, topic: definition.topic, writes: false });
      }
    }
  });

  it('give each service its own group only, and no create, delete, alter or cluster right', () => {
    const groups = acls.filter((acl) => acl.resourceType === 'GROUP');
    expect(groups.map((acl) => [acl.principal, acl.resourceName])).toEqual(
      serviceNames.map((service) => [`User:${service}`, service]),
    );
    expect(new Set(acls.map((acl) => acl.operation))).toEqual(
      new Set(['READ', 'WRITE', 'DESCRIBE']),
    );
    expect(new Set(acls.map((acl) => acl.resourceType))).toEqual(new Set(['TOPIC', 'GROUP']));
  });

  it('are the table docs/security.md shows', () => {
    const doc = readFileSync(path.join(REPO_ROOT, 'docs/security.md'), 'utf8');
    expect(markdownTables(doc)).toContain(markdownTables(renderGrantsTable()));
  });
});

describe('the console’s Kafka ACLs', () => {
  const acls = consoleAcls();

  it('let it read every topic and dead-letter topic, and write none', () => {
    const reads = acls.filter((acl) => acl.resourceType === 'TOPIC' && acl.operation === 'READ');
    expect(reads.map((acl) => acl.resourceName).sort()).toEqual(fanoutTopics().sort());
    expect(acls.filter((acl) => acl.operation === 'WRITE')).toEqual([]);
    expect(new Set(acls.map((acl) => acl.principal))).toEqual(new Set([`User:${CONSOLE}`]));
  });

  it('let it join its own group only, and describe the services’ groups', () => {
    const groups = acls.filter((acl) => acl.resourceType === 'GROUP');
    expect(groups.map((acl) => [acl.resourceName, acl.operation])).toEqual([
      [CONSOLE, 'READ'],
      ...serviceNames.map((service) => [service, 'DESCRIBE']),
    ]);
  });

  it('are part of what a Fanout broker is given', () => {
    expect(fanoutAcls()).toEqual([...serviceAcls(), ...acls]);
  });
});
