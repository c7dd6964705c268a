// `npm run kafka:tool -- <tool> [args]`: one of Kafka's CLI tools from the pinned jars.
import { exitStatus } from './jvm';
import { isKafkaTool, KAFKA_TOOLS, spawnKafkaTool } from './kafka-tools';

const USAGE = `Usage: npm run kafka:tool -- <tool> [args]

Runs one of Apache Kafka's command-line tools (as bin/<tool>.sh would). Tools:
${Object.keys(KAFKA_TOOLS)
  .map((tool) => `  ${tool}`)
  .join('\n')}

Example: npm run kafka:tool -- kafka-topics --bootstrap-server 127.0.0.1:9092 --list`;

async function main(): Promise<number> {
  const [tool, ...args] = process.argv.slice(2);
  if (tool === '--help' || tool === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (tool === undefined || !isKafkaTool(tool)) {
    process.stderr.write(
      `${tool === undefined ? 'No tool given.' : `Unknown tool "${tool}".`}\n\n${USAGE}\n`,
    );
    return 2;
  }
  const jvm = await spawnKafkaTool(tool, args, { stdio: 'inherit' });
  // Ctrl-C reaches the JVM directly (same process group); a signal sent to this process alone
  // is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => jvm.child.kill(signal));
  }
  return exitStatus(await jvm.exited);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`kafka:tool: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
