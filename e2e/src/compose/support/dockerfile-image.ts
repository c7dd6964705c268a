import { readFileSync } from 'node:fs';

/** What a Dockerfile target gives its containers: the environment, directory and command. */
export interface ImageConfig {
  env: Record<string, string>;
  workdir: string;
  entrypoint: string[];
  cmd: string[];
}

interface Stage {
  name?: string;
  from: string;
  instructions: { keyword: string; args: string }[];
}

/**
 * The image config of one build target, following its FROM chain through earlier stages: ENV
 * accumulates, the last WORKDIR, ENTRYPOINT and CMD win. Only the JSON (exec) form of CMD and
 * ENTRYPOINT is read: the shell form would need a shell the wiring test does not emulate.
 */
export function imageConfig(dockerfile: string, target: string): ImageConfig {
  const stages = parseStages(readFileSync(dockerfile, 'utf8'));
  const chain: Stage[] = [];
  for (let stage = stages.find((s) => s.name === target); stage;) {
    chain.unshift(stage);
    const from = stage.from;
    stage = stages.find((s) => s.name === from);
  }
  if (chain.length === 0) throw new Error(`${dockerfile}: no stage named ${target}`);
  const config: ImageConfig = { env: {}, workdir: '/', entrypoint: [], cmd: [] };
  for (const { keyword, args } of chain.flatMap((stage) => stage.instructions)) {
    if (keyword === 'ENV') Object.assign(config.env, parseEnv(args));
    if (keyword === 'WORKDIR') config.workdir = args;
    if (keyword === 'CMD') config.cmd = execForm(keyword, args);
    if (keyword === 'ENTRYPOINT') {
      config.entrypoint = execForm(keyword, args);
      config.cmd = []; // Setting ENTRYPOINT resets a CMD inherited from the base.
    }
  }
  return config;
}

function parseStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', as, name] = args.split(/\s+/);
      stages.push({ from, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** `ENV A=1 B="two words"` (the legacy `ENV A 1` form too). */
function parseEnv(args: string): Record<string, string> {
  if (!args.includes('=')) {
    const [name = '', ...value] = args.split(/\s+/);
    return { [name]: value.join(' ') };
  }
  const env: Record<string, string> = {};
  for (const match of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const [, name = '', value = ''] = match;
    env[name] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
  }
  return env;
}

function execForm(keyword: string, args: string): string[] {
  try {
    const value: unknown = JSON.parse(args);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  } catch {
    // reported below
  }
  throw new Error(`${keyword} ${args}: only the exec form (a JSON array) is supported`);
}
