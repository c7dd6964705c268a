import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '@fanout/node-process';
import type { ComposeService } from './compose-document';
import { mapAddresses } from './address-map';

/** Kafka's tools the topic job calls, as the apache/kafka image keeps them. */
export const IMAGE_KAFKA_TOOLS = ['kafka-topics', 'kafka-acls'] as const;
export type ImageKafkaTool = (typeof IMAGE_KAFKA_TOOLS)[number];
const imageToolPath = (tool: ImageKafkaTool) => `/opt/kafka/bin/${tool}.sh`;

export interface JobResult {
  code: number | null;
  output: string;
}

/**
 * Runs a one-shot Compose service's own entrypoint and command on this machine, with its own
 * environment: the image's Kafka tools replaced by `tools` (executables taking the same
 * arguments) and the compose addresses by local ones. Nothing else of the command is changed.
 */
export async function runTopicJob(
  job: ComposeService,
  tools: Readonly<Record<ImageKafkaTool, string>>,
  addresses: Readonly<Record<string, string>>,
): Promise<JobResult> {
  const argv = [...(job.entrypoint ?? []), ...(job.command ?? [])].map((arg) =>
    mapAddresses(
      IMAGE_KAFKA_TOOLS.reduce(
        (text, tool) => text.split(imageToolPath(tool)).join(tools[tool]),
        arg,
      ),
      addresses,
    ),
  );
  const [file, ...args] = argv;
  if (!file) throw new Error(`${job.name} has neither entrypoint nor command`);
  const env = {
    ...process.env,
    ...Object.fromEntries(
      Object.entries(job.environment).map(([key, value]) => [key, mapAddresses(value, addresses)]),
    ),
  };
  const { code, output } = await runCommand(file, args, { env });
  return { code, output };
}

/** One tool invocation: the tool and its arguments. */
export interface ToolCall {
  readonly tool: ImageKafkaTool;
  readonly args: readonly string[];
}

/**
 * Runs the job against stand-in tools that only record how they were called: what the job would
 * ask Kafka for, without a Kafka.
 */
export async function recordTopicJob(
  job: ComposeService,
): Promise<{ result: JobResult; calls: ToolCall[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fanout-topic-job-'));
  try {
    const log = path.join(dir, 'calls');
    // Shell scripts, not node: the job makes some twenty calls, and each should cost nothing.
    // Each call is the tool's name, then its arguments, each ending in NUL; calls end in \x1e.
    const tools = Object.fromEntries(
      IMAGE_KAFKA_TOOLS.map((tool) => {
        const recorder = path.join(dir, tool);
        writeFileSync(
          recorder,
          `#!/bin/sh\n{ printf '%s\\0' '${tool}' "$@"; printf '\\036'; } >> '${log}'\n`,
        );
        chmodSync(recorder, 0o755);
        return [tool, recorder];
      }),
    ) as Record<ImageKafkaTool, string>;
    const result = await runTopicJob(job, tools, {});
    const calls = readFileSync(log, { encoding: 'utf8', flag: 'a+' })
      .split('\x1e')
      .filter(Boolean)
      .map((call) => {
        const [tool, ...args] = call.split('\0').slice(0, -1);
        return { tool: tool as ImageKafkaTool, args };
      });
    return { result, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value after `--name` in a tool call. */
export function optionOf(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index < 0 ? undefined : args[index + 1];
}

/** Every value given to a repeatable option (`--topic a --topic b`). */
export function optionValues(args: readonly string[], name: string): string[] {
  return args.flatMap((arg, i) => (args[i - 1] === name ? [arg] : []));
}
