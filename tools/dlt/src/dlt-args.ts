import { parseArgs } from 'node:util';

export type DltCommand =
  | { command: 'help' }
  | { command: 'list'; topic: string }
  | { command: 'replay'; topic: string; eventId?: string; consumerGroup?: string };

export const USAGE = `Usage:
  npm run dlt -- list <topic>                                   show the dead letters of <topic>
  npm run dlt -- replay <topic> [--event <eventId>] [--group <consumer group>]
                                                                 send them back to <topic>

<topic> is a Fanout topic (orders, payments, inventory, notifications) or its .dlt topic.
The broker is KAFKA_BROKERS (comma-separated, default 127.0.0.1:9092).
`;

export class DltArgsError extends Error {}

export function parseDltArgs(argv: readonly string[]): DltCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        event: { type: 'string' },
        group: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new DltArgsError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { command: 'help' };
  const [command, topic, ...extra] = positionals;
  if (command !== 'list' && command !== 'replay') {
    throw new DltArgsError(`unknown command "${command}" (expected list or replay)`);
  }
  if (!topic) throw new DltArgsError(`${command} needs a topic`);
  if (extra.length > 0) throw new DltArgsError(`unexpected arguments: ${extra.join(' ')}`);
  if (command === 'list') {
    if (values.event || values.group) {
      throw new DltArgsError('--event and --group apply to replay only');
    }
    return { command, topic };
  }
  return {
    command,
    topic,
    ...(values.event ? { eventId: values.event } : {}),
    ...(values.group ? { consumerGroup: values.group } : {}),
  };
}
