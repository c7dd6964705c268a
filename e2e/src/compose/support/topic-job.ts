import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComposeService } from './compose-document';
import { mapAddresses } from './address-map';

/** Where the apache/kafka image keeps the tool the topic job calls. */
export const IMAGE_KAFKA_TOPICS = '/opt/kafka/bin/kafka-topics.sh';

export interface JobResult {
  code: number | null;
  output: string;
}

/**
 * Runs a one-shot Compose service's own entrypoint and command on this machine: the image's
 * kafka-topics.sh replaced by `kafkaTopics` (an executable taking the same arguments) and the
 * compose addresses by local ones. Nothing else of the command is changed.
 */
export function runTopicJob(
  job: ComposeService,
  kafkaTopics: string,
  addresses: Readonly<Record<string, string>>,
): Promise<JobResult> {
  const argv = [...(job.entrypoint ?? []), ...(job.command ?? [])].map((arg) =>
    mapAddresses(arg.split(IMAGE_KAFKA_TOPICS).join(kafkaTopics), addresses),
  );
  const [file, ...args] = argv;
  if (!file) throw new Error(`${job.name} has neither entrypoint nor command`);
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** One kafka-topics invocation: its arguments. */
export type ToolCall = readonly string[];

/**
 * Runs the job against a stand-in kafka-topics that only records how it was called: what the
 * job would ask Kafka for, without a Kafka.
 */
export async function recordTopicJob(
  job: ComposeService,
): Promise<{ result: JobResult; calls: ToolCall[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fanout-topic-job-'));
  try {
    const log = path.join(dir, 'calls');
    const recorder = path.join(dir, 'kafka-topics');
    // A shell script, not node: the job calls it ten times, and each call should cost nothing.
    // Each argument ends in NUL, each call in a record separator (\x1e).
    writeFileSync(recorder, `#!/bin/sh\n{ printf '%s\\0' "$@"; printf '\\036'; } >> '${log}'\n`);
    chmodSync(recorder, 0o755);
    const result = await runTopicJob(job, recorder, {});
    const calls = readFileSync(log, { encoding: 'utf8', flag: 'a+' })
      .split('\x1e')
      .filter(Boolean)
      .map((call) => call.split('\0').slice(0, -1));
    return { result, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value after `--name` in a tool call. */
export function optionOf(call: ToolCall, name: string): string | undefined {
  const index = call.indexOf(name);
  return index < 0 ? undefined : call[index + 1];
}
