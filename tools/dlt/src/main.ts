/**
 * `npm run dlt -- list <topic>` / `npm run dlt -- replay <topic> [--event <id>] [--group <g>]`:
 * looks at the dead letters consumers parked on `<topic>.dlt`, and sends them back once their cause
 * is fixed.
 */
import { Kafka, logLevel } from 'kafkajs';
import { operatorKafkaConnection } from '@fanout/messaging';
import { dltTopicOf, listDeadLetters, replayDeadLetters } from './dead-letter-queue';
import { DltArgsError, parseDltArgs, USAGE } from './dlt-args';
import { formatDeadLetters } from './format-dead-letters';

async function main(): Promise<number> {
  let command;
  try {
    command = parseDltArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DltArgsError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // The operator's principal: replaying writes to every service's topic, which only it may do.
  const { brokers, security } = operatorKafkaConnection();
  const kafka = new Kafka({
    clientId: 'fanout-dlt',
    brokers,
    ...security,
    logLevel: logLevel.ERROR,
    retry: { retries: 3 },
  });
  if (command.command === 'list') {
    const letters = await listDeadLetters(kafka, command.topic);
    process.stdout.write(formatDeadLetters(dltTopicOf(command.topic), letters));
    return 0;
  }
  const { replayed, duplicates } = await replayDeadLetters(kafka, command.topic, command);
  for (const letter of replayed) {
    process.stdout.write(
      `replayed ${letter.eventType ?? '(no type)'} ${letter.eventId ?? '(no event id)'} ` +
        `(${letter.position.topic} ${letter.position.partition}:${letter.position.offset}) ` +
        `to ${letter.original.topic}\n`,
    );
  }
  const skipped =
    duplicates.length > 0
      ? ` (${duplicates.length} copies parked by other groups not sent again)`
      : '';
  process.stdout.write(`${replayed.length} dead letter(s) replayed${skipped}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`dlt: ${(error as Error).message ?? String(error)}\n`);
    process.exit(1);
  },
);
