import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  authenticatedBrokerOf,
  KAFKA_AUTH_DIR,
  prepareKafkaAuth,
  removeOperatorClientFiles,
  writeOperatorClientFiles,
} from './kafka-credentials';

describe('prepareKafkaAuth', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'kafka-auth-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const mode = (file: string) => statSync(file).mode & 0o777;

  it('generates one random password per principal once, readable by the owner only', async () => {
    const first = await prepareKafkaAuth(dataDir);
    const second = await prepareKafkaAuth(dataDir);

    expect(second.operator).toEqual(first.operator);
    expect(second.services).toEqual(first.services);
    const passwords = [first.operator, ...Object.values(first.services)].map((c) => c.password);
    expect(new Set(passwords).size).toBe(1 + Object.keys(first.services).length);
    for (const password of passwords) expect(password.length).toBeGreaterThanOrEqual(32);
    expect(mode(first.dir)).toBe(0o700);
    expect(mode(first.usersFile)).toBe(0o600);
    expect(mode(first.aclsFile)).toBe(0o600);
    const users = JSON.parse(readFileSync(first.usersFile, 'utf8')) as { users: unknown[] };
    expect(users.users).toContainEqual({
      name: 'payments',
      password: first.services.payments.password,
    });
  });

  it('keeps existing passwords and adds a principal the file lacks', async () => {
    const usersFile = path.join(dataDir, KAFKA_AUTH_DIR, 'users.json');
    await prepareKafkaAuth(dataDir);
    writeFileSync(usersFile, JSON.stringify({ users: [{ name: 'orders', password: 'kept' }] }));

    const auth = await prepareKafkaAuth(dataDir);

    expect(auth.services.orders.password).toBe('kept');
    expect(auth.services.payments.password).not.toBe('');
  });

  it('says which file to fix when the users file is not what it wrote', async () => {
    await prepareKafkaAuth(dataDir);
    const usersFile = path.join(dataDir, KAFKA_AUTH_DIR, 'users.json');
    writeFileSync(usersFile, '{"users": [{"name": "orders"}]');
    await expect(prepareKafkaAuth(dataDir)).rejects.toThrow(`${usersFile} is not JSON`);
    writeFileSync(usersFile, '{"users": [{"name": "orders"}]}');
    await expect(prepareKafkaAuth(dataDir)).rejects.toThrow(`${usersFile} is not {"users"`);
  });

  it('writes the operator’s client files (0600) and removes them for --no-auth', async () => {
    const auth = await prepareKafkaAuth(dataDir);
    await writeOperatorClientFiles(auth, '127.0.0.1:9092');
    const env = path.join(auth.dir, 'operator.env');
    expect(mode(env)).toBe(0o600);
    expect(readFileSync(env, 'utf8')).toContain(`KAFKA_SASL_PASSWORD=${auth.operator.password}\n`);
    expect(readFileSync(path.join(auth.dir, 'kcat.conf'), 'utf8')).toContain(
      'sasl.mechanisms=SCRAM-SHA-512',
    );

    // A second launcher on this data directory (KAFKA_BROKERS set) joins this broker.
    expect(await authenticatedBrokerOf(dataDir)).toBe('127.0.0.1:9092');

    await removeOperatorClientFiles(dataDir);

    expect(() => statSync(env)).toThrow(/ENOENT/);
    expect(statSync(auth.usersFile).isFile()).toBe(true);
    expect(await authenticatedBrokerOf(dataDir)).toBeUndefined();
  });
});
