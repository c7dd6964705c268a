import type { DeadLetter } from './dead-letter';

/** Human-readable listing: one block per dead letter. */
export function formatDeadLetters(topic: string, letters: readonly DeadLetter[]): string {
  if (letters.length === 0) return `${topic}: no dead letters\n`;
  const blocks = letters.map((letter) => {
    const { position, original } = letter;
    const lines = [
      `${position.topic} ${position.partition}:${position.offset}  ${letter.eventType ?? '(no type)'}  event ${letter.eventId ?? '(none)'}  key ${letter.key ?? '(none)'}`,
      `  from     ${original.topic} partition ${original.partition} offset ${original.offset}`,
      `  group    ${letter.consumerGroup}`,
      `  reason   ${letter.reason}${letter.attempts === null ? '' : ` after ${letter.attempts} attempt(s)`}`,
      `  error    ${letter.error}`,
    ];
    if (letter.failedAt) lines.push(`  at       ${letter.failedAt}`);
    return lines.join('\n');
  });
  return `${blocks.join('\n\n')}\n\n${letters.length} dead letter(s) on ${letters[0].position.topic}\n`;
}
