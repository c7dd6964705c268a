/**
 * Turns the services' pino JSON lines into one concise, prefixed line each:
 *   payments      | 14:02:11.337 INFO  [PaymentsHandler] payment completed orderId=… eventId=…
 * Lines that are not pino JSON (a stack trace, a library's console output) keep their text.
 */

const LEVEL_LABELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** ANSI SGR colours of the level labels. */
const LEVEL_COLOURS: Record<number, number> = { 10: 90, 20: 90, 30: 0, 40: 33, 50: 31, 60: 31 };

/**
 * Fields shown elsewhere on the line (time, level, message, the prefix's service and replica) or
 * too noisy for a terminal (the kafkajs logger's own timestamp); the JSON keeps them all.
 */
const SHOWN_OR_NOISE = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'context',
  'req',
  'res',
  'responseTime',
  'err',
  'v',
  'service',
  'instance',
  'logger',
  'timestamp',
  'topic',
  'partition',
  'offset',
]);

export interface LinePrefixerOptions {
  label: string;
  /** Labels are padded to this width so that the columns line up. */
  width: number;
  /** ANSI SGR colour code of the label. */
  colour: number;
  useColour: boolean;
}

export type LinePrefixer = (line: string) => string;

export function createLinePrefixer(options: LinePrefixerOptions): LinePrefixer {
  const paint = (code: number, text: string) =>
    options.useColour && code !== 0 ? `\x1b[${code}m${text}\x1b[0m` : text;
  const prefix = `${paint(options.colour, options.label.padEnd(options.width))} |`;
  return (line) => `${prefix} ${formatLogLine(line, paint)}`;
}

type Paint = (code: number, text: string) => string;

export function formatLogLine(line: string, paint: Paint = (_code, text) => text): string {
  const entry = parsePinoLine(line);
  if (!entry) return line;

  const level = typeof entry.level === 'number' ? entry.level : 30;
  const parts: string[] = [];
  if (typeof entry.time === 'number') parts.push(new Date(entry.time).toISOString().slice(11, 23));
  parts.push(paint(LEVEL_COLOURS[level] ?? 0, (LEVEL_LABELS[level] ?? String(level)).padEnd(5)));
  if (typeof entry.context === 'string') parts.push(`[${entry.context}]`);
  if (typeof entry.msg === 'string' && entry.msg.length > 0) parts.push(entry.msg);

  const request = describeRequest(entry);
  if (request) parts.push(request);
  const position = describePosition(entry);
  if (position) parts.push(position);

  for (const [key, value] of Object.entries(entry)) {
    if (SHOWN_OR_NOISE.has(key) || value === undefined || value === null) continue;
    // A flow's correlation id is its order id: say it once.
    if (key === 'correlationId' && value === entry.orderId) continue;
    parts.push(`${key}=${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }

  const error = describeError(entry.err);
  return error ? `${parts.join(' ')}\n${error}` : parts.join(' ');
}

function parsePinoLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== 'object' || value === null || !('level' in value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** pino-http's request log, shortened to "POST /orders -> 201 (12 ms)". */
function describeRequest(entry: Record<string, unknown>): string | undefined {
  const req = entry.req as { method?: string; url?: string } | undefined;
  if (!req?.method) return undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  const status = res?.statusCode === undefined ? '' : ` -> ${res.statusCode}`;
  const took = typeof entry.responseTime === 'number' ? ` (${entry.responseTime} ms)` : '';
  return `${req.method} ${req.url ?? ''}${status}${took}`;
}

/** Where a consumed event was read: "orders/3@117" (topic/partition@offset). */
function describePosition(entry: Record<string, unknown>): string | undefined {
  const { topic, partition, offset } = entry;
  if (typeof topic !== 'string') return undefined;
  if (partition === undefined || offset === undefined) return `topic=${topic}`;
  return `${topic}/${String(partition)}@${String(offset)}`;
}

function describeError(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { stack, message } = err as { stack?: string; message?: string };
  return stack ?? message;
}
