/**
 * Compose's variable interpolation (compose-spec, "Interpolation"), applied to every string of the
 * file: `$$` is a literal `$`; `${VAR}` and `$VAR` take the variable (empty when unset);
 * `${VAR:-default}` the default when VAR is unset or empty, `${VAR-default}` only when unset;
 * `${VAR:?message}` and `${VAR?message}` refuse to run without it. Defaults may nest.
 */
export function interpolate(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char !== '$') {
      out += char;
      i += 1;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      out += substitute(text.slice(i + 2, end), env);
      i = end + 1;
    } else {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
      if (!name) throw new Error(`invalid interpolation: a lone "$" in "${text}" (write $$)`);
      out += env[name] ?? '';
      i += 1 + name.length;
    }
  }
  return out;
}

/** The body of one `${...}`: a name, then optionally an operator and its word. */
function substitute(body: string, env: Readonly<Record<string, string | undefined>>): string {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([\s\S]*))?$/.exec(body);
  if (!match) throw new Error(`invalid interpolation: "\${${body}}"`);
  const [, name = '', operator, word = ''] = match;
  const value = env[name];
  const missing = operator?.startsWith(':') ? !value : value === undefined;
  if (!operator || !missing) return value ?? '';
  if (operator.endsWith('-')) return interpolate(word, env);
  throw new Error(`required variable ${name} is missing a value: ${interpolate(word, env)}`);
}

function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth += 1;
    if (text[i] === '}') depth -= 1;
    if (depth === 0) return i;
  }
  throw new Error(`invalid interpolation: unterminated "\${" in "${text}"`);
}

/** Every string in a parsed document, interpolated; keys and other scalars are kept. */
export function interpolateDeep<T>(value: T, env: Readonly<Record<string, string | undefined>>): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => interpolateDeep(item, env)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)]),
    ) as T;
  }
  return value;
}
