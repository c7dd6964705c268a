/**
 * A leveled logger writing plain lines to stderr. The broker logs lifecycle events and problems,
 * never one line per request, so a dependency-free logger is enough and costs nothing when quiet.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  enabled(level: LogLevel): boolean;
}

export function isLogLevel(value: string): value is LogLevel {
  return value in rank;
}

function formatFields(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  let line = '';
  for (const [key, value] of Object.entries(fields)) {
    const text = value instanceof Error ? value.message : String(value);
    line += ` ${key}=${/[\s"=]/.test(text) ? JSON.stringify(text) : text}`;
  }
  return line;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const threshold = rank[level];
  const log =
    (at: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (rank[at] < threshold) return;
      write(`${new Date().toISOString()} ${at.toUpperCase()} ${message}${formatFields(fields)}\n`);
    };
  return {
    level,
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    enabled: (at) => rank[at] >= threshold,
  };
}
