import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KafkaCliArgsError, parseKafkaCliArgs } from './cli-args';
import { exitStatus, parseJavaMajor } from './jvm';
import { REPO_ROOT } from './kafka-paths';
import { serverProperties } from './server-properties';

/** `npm run kafka -- <args>` (without npm) with some environment changed. */
function kafkaCli(args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const { NODE_OPTIONS: _jestOnly, ...inherited } = process.env;
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', 'tools/kafka/src/main.ts', ...args],
      { cwd: REPO_ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run kafka arguments', () => {
  it('defaults to port 9092, the controller on the next port, data in .data/kafka', () => {
    expect(parseKafkaCliArgs([])).toEqual({
      port: 9092,
      controllerPort: undefined,
      dataDir: '.data/kafka',
      heapOpts: undefined,
      sasl: undefined,
      fetchOnly: false,
      help: false,
    });
  });

  it('takes SASL users with their operator, and refuses one without the other', () => {
    expect(
      parseKafkaCliArgs(['--sasl-users-file', 'u.json', '--operator', 'operator']).sasl,
    ).toEqual({ usersFile: 'u.json', operator: 'operator' });
    expect(() => parseKafkaCliArgs(['--sasl-users-file', 'u.json'])).toThrow('go together');
  });

  it('takes ports, a data dir, heap options and --fetch-only', () => {
    expect(
      parseKafkaCliArgs([
        '--port',
        '19092',
        '--controller-port',
        '19999',
        '--data-dir',
        '/tmp/k',
        '--heap=-Xms128m -Xmx1g',
        '--fetch-only',
      ]),
    ).toMatchObject({
      port: 19092,
      controllerPort: 19999,
      dataDir: '/tmp/k',
      heapOpts: '-Xms128m -Xmx1g',
      fetchOnly: true,
    });
  });

  it('refuses what it cannot use', () => {
    expect(() => parseKafkaCliArgs(['--port', 'x'])).toThrow(KafkaCliArgsError);
    expect(() => parseKafkaCliArgs(['--port', '70000'])).toThrow('port number');
    expect(() => parseKafkaCliArgs(['--port', '1', '--controller-port', '1'])).toThrow('differ');
    expect(() => parseKafkaCliArgs(['--bogus'])).toThrow(KafkaCliArgsError);
  });
});

/** A .properties file's settings by name (its comments and blank lines left out). */
function propertyEntries(properties: string): Record<string, string> {
  return Object.fromEntries(
    properties
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
}

describe('server.properties', () => {
  const properties = serverProperties({ port: 19092, controllerPort: 19093, logDir: '/d/data' });
  const entries = propertyEntries(properties);

  it("has docker-compose.yml's kafka settings", () => {
    expect(entries).toMatchObject({
      'process.roles': 'broker,controller',
      'auto.create.topics.enable': 'false',
      'num.partitions': '6',
      'default.replication.factor': '1',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
    });
  });

  it('listens on 127.0.0.1 only, the controller on its own port', () => {
    expect(entries).toMatchObject({
      listeners: 'PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092',
      'controller.quorum.voters': '1@127.0.0.1:19093',
      'log.dirs': '/d/data',
    });
  });
});

describe('java', () => {
  it('reads the major version of old and new version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaMajor('nothing')).toBeUndefined();
  });

  it('reports an exit as a shell does', () => {
    expect(exitStatus({ code: 3, signal: null })).toBe(3);
    expect(exitStatus({ code: null, signal: 'SIGKILL' })).toBe(137);
  });
});

describe('missing prerequisites', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'kafka-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without java: one line saying what to install, exit 1', async () => {
    const result = await kafkaCli(['--fetch-only'], { JAVA_HOME: path.join(dir, 'no-jdk') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `kafka: ${path.join(dir, 'no-jdk', 'bin', 'java')} not found: install a Java 17+ runtime ` +
        '(Debian/Ubuntu: apt-get install openjdk-17-jre-headless)',
    ]);
  });

  it('without mvn (and no jars cached yet): one line saying what to install, exit 1', async () => {
    // A PATH with java on it and nothing else.
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    symlinkSync(
      execFileSync('sh', ['-c', 'command -v java']).toString().trim(),
      path.join(bin, 'java'),
    );
    const result = await kafkaCli(['--fetch-only'], {
      PATH: bin,
      JAVA_HOME: '',
      KAFKA_CACHE_DIR: path.join(dir, 'cache'),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'kafka: mvn not found: install Maven (Debian/Ubuntu: apt-get install maven)',
    );
  });
});

describe('server.properties with SASL', () => {
  const properties = serverProperties({
    port: 19092,
    controllerPort: 19093,
    logDir: '/d/data',
    sasl: { operator: { name: 'operator', password: 'pw' } },
  });
  const entries = propertyEntries(properties);

  it('authenticates clients with SCRAM-SHA-512 and authorizes them with ACLs', () => {
    expect(entries).toMatchObject({
      listeners: 'SASL_PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093',
      'advertised.listeners': 'SASL_PLAINTEXT://127.0.0.1:19092',
      'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found': 'false',
      // The controller listener authenticates too: no User:ANONYMOUS super user.
      'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
      'sasl.mechanism.controller.protocol': 'PLAIN',
      'super.users': 'User:operator',
    });
    expect(entries['listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config']).toContain(
      'username="operator" password="pw";',
    );
  });
});
