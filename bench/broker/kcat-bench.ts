/** librdkafka's own throughput through kcat: no JavaScript client in the way. */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { killOnExit } from './exit-cleanup';
import { throughput, type Throughput } from './stats';
import { secondsSince } from './time-limit';

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
function runKcat(args: string[], limitMs: number): Promise<{ seconds: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = killOnExit(spawn('kcat', args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = secondsSince(start);
      if (code === 0) resolve({ seconds, lines });
      else reject(new Error(`kcat ${args.join(' ')} ended with ${code ?? signal}\n${stderr}`));
    });
  });
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
