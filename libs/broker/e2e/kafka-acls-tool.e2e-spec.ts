/**
 * Apache Kafka's own `kafka-acls` tool (Kafka 4's Java AdminClient, `npm run kafka:tool`)
 * against the embedded broker: it authenticates with SCRAM-SHA-512, negotiates the ACL APIs
 * (v1 here; Kafka 4 speaks v1-3) and adds, lists and removes ACLs. Skipped, loudly, without Java
 * outside CI (CI installs it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTestBroker, type TestBroker } from './support/test-broker';
import { tempDir } from './support/temp-dir';

const REPO_ROOT = join(__dirname, '../../..');
const TOOL = join(REPO_ROOT, 'tools/kafka/src/tool-main.ts');
const TOOL_TIMEOUT_MS = 120_000;

const javaInstalled = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
const runningInCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/** Runs `npm run kafka:tool -- kafka-acls <args>` (without npm) to completion. */
function kafkaAcls(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', TOOL, 'kafka-acls', ...args],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), TOOL_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const describeIfJava = javaInstalled || runningInCi ? describe : describe.skip;
if (!javaInstalled && !runningInCi) {
  console.warn('kafka-acls tool e2e skipped: java is not installed (.ci/install-java-maven.sh)');
}

describeIfJava("Kafka's kafka-acls tool", () => {
  let broker: TestBroker;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let admin: string;
  let alice: string;

  beforeAll(async () => {
    dir = await tempDir('broker-kafka-acls');
    broker = await startTestBroker({
      securityProtocol: 'SASL_PLAINTEXT',
      saslUsers: [
        { name: 'admin', password: 'admin-secret' },
        { name: 'alice', password: 'alice-secret' },
      ],
      authorizer: 'acl',
      superUsers: ['User:admin'],
    });
    const properties = (user: string) =>
      [
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-512',
        `sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${user}" password="${user}-secret";`,
      ].join('\n');
    admin = join(dir.path, 'admin.properties');
    alice = join(dir.path, 'alice.properties');
    await writeFile(admin, properties('admin'));
    await writeFile(alice, properties('alice'));
  });
  afterAll(async () => {
    await broker?.dispose();
    await dir?.remove();
  });

  const as = (config: string, ...args: string[]) =>
    kafkaAcls(['--bootstrap-server', broker.brokers, '--command-config', config, ...args]);

  it(
    'adds, lists and removes ACLs as a super user; refuses a user without cluster ALTER/DESCRIBE',
    async () => {
      const rule = ['--allow-principal', 'User:alice', '--operation', 'Read', '--topic', 'orders-'];
      const added = await as(admin, '--add', ...rule, '--resource-pattern-type', 'prefixed');
      expect(added).toMatchObject({ code: 0 });
      const listed = await as(admin, '--list');
      expect(listed.code).toBe(0);
      expect(listed.output).toContain(
        'ResourcePattern(resourceType=TOPIC, name=orders-, patternType=PREFIXED)',
      );
      expect(listed.output).toContain(
        '(principal=User:alice, host=*, operation=READ, permissionType=ALLOW)',
      );

      const refused = await as(alice, '--list');
      expect(refused.code).not.toBe(0);
      expect(refused.output).toContain('ClusterAuthorizationException');

      const removed = await as(
        admin,
        '--remove',
        '--force',
        ...rule,
        '--resource-pattern-type',
        'prefixed',
      );
      expect(removed.code).toBe(0);
      expect((await as(admin, '--list')).output).not.toContain('User:alice');
    },
    5 * TOOL_TIMEOUT_MS,
  );
});
