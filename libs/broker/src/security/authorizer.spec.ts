import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AclOperation as Op,
  AclPatternType as Pattern,
  AclPermissionType as Permission,
  AclResourceType as Type,
} from '../protocol/acl-resources';
import { bindingFromJson, bindingProblem, filterMatches, type AclBinding } from './acl';
import { AclAuthorizer } from './authorizer';

const alice = { principal: 'User:alice', host: '10.0.0.1' };
const bob = { principal: 'User:bob', host: '10.0.0.2' };

const acl = (overrides: Partial<AclBinding>): AclBinding => ({
  resourceType: Type.TOPIC,
  resourceName: 'orders',
  patternType: Pattern.LITERAL,
  principal: 'User:alice',
  host: '*',
  operation: Op.READ,
  permissionType: Permission.ALLOW,
  ...overrides,
});

describe('ACL authorizer', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'acl-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  const open = (acls: AclBinding[], options: { superUsers?: string[]; allow?: boolean } = {}) =>
    AclAuthorizer.open(
      {
        dataDir,
        superUsers: options.superUsers ?? [],
        allowEveryoneIfNoAclFound: options.allow ?? false,
      },
      acls,
    );

  it('denies what no ACL allows, and allows what one does', async () => {
    const authorizer = await open([acl({})]);
    expect(authorizer.authorize(alice, Op.READ, Type.TOPIC, 'orders')).toBe(true);
    expect(authorizer.authorize(alice, Op.WRITE, Type.TOPIC, 'orders')).toBe(false);
    expect(authorizer.authorize(bob, Op.READ, Type.TOPIC, 'orders')).toBe(false);
    expect(authorizer.authorize(alice, Op.READ, Type.TOPIC, 'payments')).toBe(false);
    expect(authorizer.authorize(alice, Op.READ, Type.GROUP, 'orders')).toBe(false);
  });

  it('implies DESCRIBE from READ, WRITE, DELETE and ALTER, and DESCRIBE_CONFIGS from ALTER_CONFIGS', async () => {
    for (const operation of [Op.READ, Op.WRITE, Op.DELETE, Op.ALTER, Op.ALL]) {
      const authorizer = await open([acl({ operation, resourceName: `t${operation}` })]);
      expect(authorizer.authorize(alice, Op.DESCRIBE, Type.TOPIC, `t${operation}`)).toBe(true);
    }
    const configs = await open([acl({ resourceName: 'c', operation: Op.ALTER_CONFIGS })]);
    expect(configs.authorize(alice, Op.DESCRIBE_CONFIGS, Type.TOPIC, 'c')).toBe(true);
    expect(configs.authorize(alice, Op.DESCRIBE, Type.TOPIC, 'c')).toBe(false);
    const create = await open([acl({ resourceName: 'd', operation: Op.CREATE })]);
    expect(create.authorize(alice, Op.DESCRIBE, Type.TOPIC, 'd')).toBe(false);
  });

  it('lets DENY win, for its own operation (and ALL) only', async () => {
    const authorizer = await open([
      acl({ operation: Op.ALL }),
      acl({ operation: Op.WRITE, permissionType: Permission.DENY }),
      acl({
        resourceName: '*',
        principal: 'User:*',
        operation: Op.READ,
        permissionType: Permission.DENY,
        host: '10.0.0.9',
      }),
    ]);
    expect(authorizer.authorize(alice, Op.WRITE, Type.TOPIC, 'orders')).toBe(false);
    expect(authorizer.authorize(alice, Op.READ, Type.TOPIC, 'orders')).toBe(true);
    expect(authorizer.authorize(alice, Op.DESCRIBE, Type.TOPIC, 'orders')).toBe(true);
    // The wildcard DENY applies from its host only.
    expect(
      authorizer.authorize({ ...alice, host: '10.0.0.9' }, Op.READ, Type.TOPIC, 'orders'),
    ).toBe(false);
  });

  it('matches literal names, the * wildcard, prefixes, User:* and hosts', async () => {
    const authorizer = await open([
      acl({ resourceName: 'audit-', patternType: Pattern.PREFIXED }),
      acl({ resourceName: '*', principal: 'User:*', operation: Op.DESCRIBE }),
      acl({ resourceName: 'hosted', host: '10.0.0.1', operation: Op.WRITE }),
    ]);
    expect(authorizer.authorize(alice, Op.READ, Type.TOPIC, 'audit-log')).toBe(true);
    expect(authorizer.authorize(alice, Op.READ, Type.TOPIC, 'audit')).toBe(false);
    expect(authorizer.authorize(bob, Op.DESCRIBE, Type.TOPIC, 'anything')).toBe(true);
    expect(authorizer.authorize(alice, Op.WRITE, Type.TOPIC, 'hosted')).toBe(true);
    expect(
      authorizer.authorize({ ...alice, host: '10.0.0.3' }, Op.WRITE, Type.TOPIC, 'hosted'),
    ).toBe(false);
  });

  it('allows super users everything, and a resource no ACL names when configured to', async () => {
    const authorizer = await open([acl({})], { superUsers: ['User:admin'], allow: true });
    const admin = { principal: 'User:admin', host: '1.2.3.4' };
    expect(authorizer.authorize(admin, Op.ALTER, Type.CLUSTER, 'kafka-cluster')).toBe(true);
    // 'payments' has no ACL at all: open to everyone; 'orders' has one: only alice reads.
    expect(authorizer.authorize(bob, Op.WRITE, Type.TOPIC, 'payments')).toBe(true);
    expect(authorizer.authorize(bob, Op.READ, Type.TOPIC, 'orders')).toBe(false);
  });

  it('answers KIP-679\'s "WRITE on any topic" unless a DENY covers every such topic', async () => {
    const some = await open([
      acl({ resourceName: 'orders-', patternType: Pattern.PREFIXED, operation: Op.WRITE }),
    ]);
    expect(some.authorizeAny(alice, Op.WRITE, Type.TOPIC)).toBe(true);
    expect(some.authorizeAny(bob, Op.WRITE, Type.TOPIC)).toBe(false);
    const denied = await open([
      acl({ resourceName: 'orders-eu', operation: Op.WRITE }),
      acl({
        resourceName: 'orders-',
        patternType: Pattern.PREFIXED,
        operation: Op.WRITE,
        permissionType: Permission.DENY,
      }),
    ]);
    expect(denied.authorizeAny(alice, Op.WRITE, Type.TOPIC)).toBe(false);
  });

  it('forgets cached decisions when ACLs are added or removed', async () => {
    const authorizer = await open([acl({})]);
    expect(authorizer.authorize(alice, Op.WRITE, Type.TOPIC, 'orders')).toBe(false);
    await authorizer.add([acl({ operation: Op.WRITE })]);
    expect(authorizer.authorize(alice, Op.WRITE, Type.TOPIC, 'orders')).toBe(true);
    await authorizer.remove([
      {
        resourceType: Type.TOPIC,
        resourceName: 'orders',
        patternType: Pattern.LITERAL,
        principal: 'User:alice',
        host: '*',
        operation: Op.WRITE,
        permissionType: Permission.ALLOW,
      },
    ]);
    expect(authorizer.authorize(alice, Op.WRITE, Type.TOPIC, 'orders')).toBe(false);
  });

  it('stores ACLs in acls.json: they survive a reopen; deletes are stored too', async () => {
    const first = await open([acl({}), acl({ resourceType: Type.GROUP, resourceName: 'g' })]);
    await first.add([acl({ operation: Op.WRITE })]);
    const removed = await first.remove([
      {
        resourceType: Type.GROUP,
        resourceName: null,
        patternType: Pattern.ANY,
        principal: null,
        host: null,
        operation: Op.ANY,
        permissionType: Permission.ANY,
      },
    ]);
    expect(removed[0]).toHaveLength(1);
    const stored = JSON.parse(await readFile(join(dataDir, 'acls.json'), 'utf8')) as {
      acls: unknown[];
    };
    expect(stored.acls).toHaveLength(2);
    const second = await open([]);
    expect(second.authorize(alice, Op.WRITE, Type.TOPIC, 'orders')).toBe(true);
    expect(second.authorize(alice, Op.READ, Type.GROUP, 'g')).toBe(false);
  });
});

describe('ACL filters and validation', () => {
  const any = {
    resourceType: Type.ANY,
    resourceName: null,
    patternType: Pattern.ANY,
    principal: null,
    host: null,
    operation: Op.ANY,
    permissionType: Permission.ANY,
  };

  it("matches as Kafka's AclBindingFilter does", () => {
    const literal = acl({});
    const wildcard = acl({ resourceName: '*' });
    const prefixed = acl({ resourceName: 'ord', patternType: Pattern.PREFIXED });
    const match = { ...any, resourceName: 'orders', patternType: Pattern.MATCH };
    expect([literal, wildcard, prefixed].map((b) => filterMatches(match, b))).toEqual([
      true,
      true,
      true,
    ]);
    const exact = { ...any, resourceName: 'orders' };
    expect([literal, wildcard, prefixed].map((b) => filterMatches(exact, b))).toEqual([
      true,
      false,
      false,
    ]);
    const prefixedOnly = { ...any, patternType: Pattern.PREFIXED };
    expect([literal, prefixed].map((b) => filterMatches(prefixedOnly, b))).toEqual([false, true]);
    expect(filterMatches({ ...any, principal: 'User:bob' }, literal)).toBe(false);
    expect(
      filterMatches({ ...any, operation: Op.READ, permissionType: Permission.ALLOW }, literal),
    ).toBe(true);
  });

  it.each([
    [{ resourceType: Type.ANY }, /not supported/],
    [{ patternType: Pattern.MATCH }, /LITERAL or PREFIXED/],
    [{ principal: 'alice' }, /principalType:principalName/],
    [{ resourceType: Type.CLUSTER, resourceName: 'x', operation: Op.ALTER }, /kafka-cluster/],
    [{ resourceType: Type.GROUP, operation: Op.WRITE }, /only supports/],
    [{ permissionType: Permission.ANY }, /ALLOW or DENY/],
    [{ resourceName: '' }, /empty/],
  ])('refuses to create %j', (overrides, message) => {
    expect(bindingProblem(acl(overrides as Partial<AclBinding>))).toMatch(message);
  });

  it('reads the JSON form by names, case-insensitively, with LITERAL and * as defaults', () => {
    expect(
      bindingFromJson({
        resourceType: 'topic',
        resourceName: 'orders',
        principal: 'User:alice',
        operation: 'read',
        permissionType: 'allow',
      }),
    ).toEqual(acl({}));
    expect(() =>
      bindingFromJson({
        resourceType: 'TOPIC',
        resourceName: 'x',
        principal: 'User:a',
        operation: 'FLY',
        permissionType: 'ALLOW',
      }),
    ).toThrow(/unknown operation/);
  });
});
