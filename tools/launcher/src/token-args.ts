import { parseArgs } from 'node:util';
import type { Role } from '@fanout/auth';

export interface TokenOptions {
  subject: string;
  roles: Role[];
  expiresInSeconds: number;
  help: boolean;
}

export const TOKEN_USAGE = `Usage: npm run -s token -- (--customer <id> | --operator [<name>]) [--expires <duration>]

Prints a bearer token for the services that npm start runs, signed with the launcher's key
(DATA_DIR/api-issuer, default .data; made on first use).

  --customer <id>       a customer: orders are placed for <id>, who reads only their own
  --operator [<name>]   an operator (default name: operator): listings, /status, everything
  --expires <duration>  lifetime: 90s, 15m, 1h, 7d (default 1h)

  TOKEN=$(npm run -s token -- --customer alice)
  curl -H "Authorization: Bearer $TOKEN" localhost:3000/orders/<id>
`;

export class TokenArgsError extends Error {}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  const seconds = match ? Number(match[1]) * (UNITS[match[2] as string] as number) : 0;
  if (seconds <= 0) {
    throw new TokenArgsError(`--expires must be a positive number with s, m, h or d: "${text}"`);
  }
  return seconds;
}

export function parseTokenArgs(argv: string[]): TokenOptions {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        customer: { type: 'string' },
        operator: { type: 'boolean' },
        expires: { type: 'string', default: '1h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new TokenArgsError((error as Error).message);
  }
  const expiresInSeconds = parseDuration(values.expires);
  if (values.help) return { subject: '', roles: [], expiresInSeconds, help: true };
  if (values.customer !== undefined && values.operator) {
    throw new TokenArgsError('give --customer <id> or --operator, not both');
  }
  if (values.operator) {
    if (positionals.length > 1) throw new TokenArgsError(`unexpected: ${positionals.join(' ')}`);
    const name = positionals[0] ?? 'operator';
    return { subject: name, roles: ['operator'], expiresInSeconds, help: false };
  }
  if (positionals.length > 0) throw new TokenArgsError(`unexpected: ${positionals.join(' ')}`);
  const customer = values.customer?.trim();
  if (!customer || customer.length > 100) {
    throw new TokenArgsError('give --customer <id> (1 to 100 characters) or --operator');
  }
  return { subject: customer, roles: ['customer'], expiresInSeconds, help: false };
}
