/** librdkafka's own throughput through kcat: no JavaScript client in the way. */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { runToExit } from './run-to-exit';
import { throughput, type Throughput } from './stats';

export function kcatInstalled(): boolean {
  return spawnSync('kcat', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** A file of `messages` newline-delimited values of `size` bytes, as `kcat -P -l` reads it. */
export async function writeMessageFile(
  path: string,
  messages: number,
  size: number,
): Promise<void> {
  const line = Buffer.alloc(size + 1);
  for (let i = 0; i < size; i++) line[i] = 97 + (i % 26);
  line[size] = 0x0a;
  const linesPerChunk = 1000;
  const chunk = Buffer.concat(Array.from({ length: linesPerChunk }, () => line));
  const out = createWriteStream(path);
  for (let written = 0; written < messages; written += linesPerChunk) {
    const lines = Math.min(linesPerChunk, messages - written);
    if (!out.write(lines === linesPerChunk ? chunk : chunk.subarray(0, lines * (size + 1)))) {
      await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Runs kcat, returns its wall time and the number of lines it printed. */
async function runKcat(
  args: string[],
  limitMs: number,
): Promise<{ seconds: number; lines: number }> {
  let lines = 0;
  const { seconds } = await runToExit('kcat', args, {
    label: `kcat ${args.join(' ')}`,
    limitMs,
    onStdout: (chunk) => {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    },
  });
  return { seconds, lines };
}

/** `kcat -P -l file` with librdkafka batching; librdkafka's default acks is all (-1). */
export async function ingest(
  bootstrap: string,
  topic: string,
  file: string,
  options: { messages: number; size: number; limitMs: number },
): Promise<Throughput> {
  const { seconds } = await runKcat(
    [
      '-P',
      '-b',
      bootstrap,
      '-t',
      topic,
      '-l',
      '-X',
      'acks=all',
      '-X',
      'linger.ms=5',
      '-X',
      'batch.num.messages=10000',
      '-X',
      'queue.buffering.max.messages=1000000',
      file,
    ],
    options.limitMs,
  );
  return throughput(options.messages, options.messages * options.size, seconds);
}

/** `kcat -C -o beginning -e` over every partition, printing one short line per message. */
export async function consumeAll(
  bootstrap: string,
  topic: string,
  options: { messages: number; size: number; limitMs: number },
): Promise<Throughput> {
  const { seconds, lines } = await runKcat(
    ['-C', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o\n'],
    options.limitMs,
  );
  if (lines !== options.messages) {
    throw new Error(`kcat consumed ${lines} messages, expected ${options.messages}`);
  }
  return throughput(lines, lines * options.size, seconds);
}
