import { readFileSync } from 'node:fs';

/** One instruction of a Dockerfile, continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string | undefined;
  /** The image or earlier stage it starts FROM, global ARGs substituted. */
  base: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARGs declared before the first FROM, with their defaults. */
  globalArgs: Record<string, string | undefined>;
  stages: Stage[];
}

/** Enough of the Dockerfile grammar for the checks: comments, `\` continuations, stages, ARGs. */
export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return;
    const part = line.endsWith('\\') ? line.slice(0, -1) : line;
    pending = pending
      ? { ...pending, text: `${pending.text} ${part}` }
      : { text: part, line: index + 1 };
    if (!line.endsWith('\\')) {
      const [keyword = '', ...rest] = pending.text.trim().split(/\s+/);
      instructions.push({
        keyword: keyword.toUpperCase(),
        args: rest.join(' '),
        line: pending.line,
      });
      pending = undefined;
    }
  });

  const globalArgs: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match)
        throw new Error(`line ${instruction.line}: cannot parse FROM ${instruction.args}`);
      const [, from = '', name] = match;
      const base = from.replace(/\$\{?(\w+)\}?/g, (_, name: string) => globalArgs[name] ?? '');
      stages.push({ name, base, instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG') continue;
      const [name, value] = instruction.args.split('=') as [string, string | undefined];
      globalArgs[name] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { globalArgs, stages };
}

export function readDockerfile(path: string): Dockerfile {
  return parseDockerfile(readFileSync(path, 'utf8'));
}

/** The stages a target is built from, the target last (FROM <earlier stage> chains). */
export function stageChain(dockerfile: Dockerfile, target: string): Stage[] {
  const stage = dockerfile.stages.find((s) => s.name === target);
  if (!stage) throw new Error(`no stage named ${target}`);
  const parent = dockerfile.stages.find((s) => s.name === stage.base);
  return parent?.name ? [...stageChain(dockerfile, parent.name), stage] : [stage];
}

/** The instruction that is in force for a target: the last one of its kind along the chain. */
export function effectiveInstruction(
  dockerfile: Dockerfile,
  target: string,
  keyword: string,
): Instruction | undefined {
  const all = stageChain(dockerfile, target).flatMap((stage) => stage.instructions);
  return all.filter((instruction) => instruction.keyword === keyword).at(-1);
}

/** The image a stage chain starts from (the first stage's base). */
export function baseImageOf(dockerfile: Dockerfile, target: string): string {
  const [first] = stageChain(dockerfile, target);
  if (!first) throw new Error(`no stage named ${target}`);
  return first.base;
}
