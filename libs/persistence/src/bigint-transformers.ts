import type { ValueTransformer } from 'typeorm';

// pg returns int8 as a string, PGlite as a number: these make both drivers agree.

/** For bigint columns holding values that fit a JS number (cents, counters). */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** For bigint columns holding Kafka offsets, which kafkajs passes around as strings. */
export const bigintAsString: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : String(value)),
};
