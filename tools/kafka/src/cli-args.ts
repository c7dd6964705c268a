import { parseArgs } from 'node:util';

export const KAFKA_USAGE = `Usage: npm run kafka -- [options]

Runs a single-node Apache Kafka (KRaft, combined broker and controller) in the foreground and
prints "kafka listening on 127.0.0.1:<port>" once clients can connect. Ctrl-C stops it.

  --port <n>             client port on 127.0.0.1 (default 9092; 0 picks a free port)
  --controller-port <n>  KRaft controller port on 127.0.0.1 (default port + 1; a free port when
                         --port is 0)
  --data-dir <dir>       Kafka's data; kept between starts, formatted only when new
                         (default .data/kafka)
  --sasl-users-file <f>  SASL SCRAM-SHA-512 on the client port and the StandardAuthorizer (ACLs),
                         with the users of this JSON file ({"users":[{"name","password"}]}),
                         created when the data directory is formatted; needs --operator
  --operator <name>      with --sasl-users-file: the super user (one of the users), also the
                         broker's own login
  --heap=<opts>          JVM heap options, e.g. --heap="-Xms256m -Xmx1g"
                         (default $KAFKA_HEAP_OPTS, else "-Xms256m -Xmx512m")
  --fetch-only           fetch the jars into .cache/kafka (if not there yet), check java, exit
  --help                 this text`;

export interface KafkaCliOptions {
  port: number;
  controllerPort: number | undefined;
  dataDir: string;
  heapOpts: string | undefined;
  /** --sasl-users-file and --operator, given together. */
  sasl: { usersFile: string; operator: string } | undefined;
  fetchOnly: boolean;
  help: boolean;
}

export class KafkaCliArgsError extends Error {
  override readonly name = 'KafkaCliArgsError';
}

function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new KafkaCliArgsError(`--${name} must be a port number (0-65535), not "${value}"`);
  }
  return port;
}

export function parseKafkaCliArgs(argv: readonly string[]): KafkaCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        'controller-port': { type: 'string' },
        'data-dir': { type: 'string' },
        heap: { type: 'string' },
        'sasl-users-file': { type: 'string' },
        operator: { type: 'string' },
        'fetch-only': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new KafkaCliArgsError((error as Error).message);
  }
  const port = parsePort('port', values.port, 9092);
  const controllerPort =
    values['controller-port'] === undefined
      ? undefined
      : parsePort('controller-port', values['controller-port'], 0);
  if (controllerPort !== undefined && controllerPort !== 0 && controllerPort === port) {
    throw new KafkaCliArgsError('--controller-port must differ from --port');
  }
  const usersFile = values['sasl-users-file'];
  const operator = values.operator;
  if ((usersFile === undefined) !== (operator === undefined)) {
    throw new KafkaCliArgsError('--sasl-users-file and --operator go together');
  }
  return {
    port,
    controllerPort,
    sasl: usersFile && operator ? { usersFile, operator } : undefined,
    dataDir: values['data-dir'] ?? '.data/kafka',
    heapOpts: values.heap,
    fetchOnly: values['fetch-only'] ?? false,
    help: values.help ?? false,
  };
}
