import type { Reader } from './reader';
import type { Writer } from './writer';

/**
 * A codec is the grammar of one protocol type, read and written from the same description.
 * Every API version is a `struct` of these, so a version's file is its grammar and nothing else.
 */
export interface Codec<T> {
  read(reader: Reader): T;
  write(writer: Writer, value: T): void;
  /** The fewest bytes one value can take: bounds array counts before they are trusted. */
  readonly minSize: number;
}

export type Infer<C> = C extends Codec<infer T> ? T : never;

const primitive = <T>(
  minSize: number,
  read: (r: Reader) => T,
  write: (w: Writer, v: T) => void,
): Codec<T> => ({ minSize, read, write });

export const int8 = primitive<number>(
  1,
  (r) => r.int8(),
  (w, v) => w.int8(v),
);
export const int16 = primitive<number>(
  2,
  (r) => r.int16(),
  (w, v) => w.int16(v),
);
export const int32 = primitive<number>(
  4,
  (r) => r.int32(),
  (w, v) => w.int32(v),
);
export const int64 = primitive<number>(
  8,
  (r) => r.int64(),
  (w, v) => w.int64(v),
);
export const boolean = primitive<boolean>(
  1,
  (r) => r.boolean(),
  (w, v) => w.boolean(v),
);
export const string = primitive<string>(
  2,
  (r) => r.string(),
  (w, v) => w.string(v),
);
export const nullableString = primitive<string | null>(
  2,
  (r) => r.nullableString(),
  (w, v) => w.nullableString(v),
);
export const bytes = primitive<Buffer>(
  4,
  (r) => r.bytes(),
  (w, v) => w.bytes(v),
);
export const nullableBytes = primitive<Buffer | null>(
  4,
  (r) => r.nullableBytes(),
  (w, v) => w.nullableBytes(v),
);

/**
 * RECORDS: a nullable size-prefixed run of record batches, kept as raw bytes. The broker never
 * re-encodes records; the record-batch module reads their headers where it must.
 */
export const records = nullableBytes;

/** RECORDS as the broker serves them: one buffer, or several stored pieces sent back to back. */
export type RecordChunks = Buffer | readonly Buffer[] | null;

/**
 * RECORDS in a Fetch response. A read that spans several cached batches or file reads is written
 * as its pieces, one after the other, instead of being concatenated first: the response goes to
 * the socket as views of the stored bytes. Reading yields one buffer.
 */
export const recordChunks: Codec<RecordChunks> = {
  minSize: 4,
  read: (reader) => reader.nullableBytes(),
  write(writer, value) {
    if (value === null || Buffer.isBuffer(value)) {
      writer.nullableBytes(value);
      return;
    }
    let length = 0;
    for (const chunk of value) length += chunk.length;
    writer.int32(length);
    for (const chunk of value) writer.raw(chunk);
  },
};

export function array<T>(element: Codec<T>): Codec<T[]> {
  const nullable = nullableArray(element);
  return {
    minSize: 4,
    read(reader) {
      return nullable.read(reader) ?? [];
    },
    write(writer, value) {
      nullable.write(writer, value);
    },
  };
}

export function nullableArray<T>(element: Codec<T>): Codec<T[] | null> {
  return {
    minSize: 4,
    read(reader) {
      const count = reader.arrayLength(element.minSize);
      if (count === -1) return null;
      const items = new Array<T>(count);
      for (let i = 0; i < count; i++) items[i] = element.read(reader);
      return items;
    },
    write(writer, value) {
      if (value === null) {
        writer.int32(-1);
        return;
      }
      writer.int32(value.length);
      for (const item of value) element.write(writer, item);
    },
  };
}

type Fields = Record<string, Codec<unknown>>;
export type StructOf<F extends Fields> = { [K in keyof F]: Infer<F[K]> };

/**
 * Fields in wire order. Writing reads only the declared fields, so one response object shaped
 * for the newest version encodes correctly for every older version of the same API.
 */
export function struct<F extends Fields>(fields: F): Codec<StructOf<F>> {
  const entries = Object.entries(fields);
  const minSize = entries.reduce((sum, [, codec]) => sum + codec.minSize, 0);
  return {
    minSize,
    read(reader) {
      const value: Record<string, unknown> = {};
      for (const [name, codec] of entries) value[name] = codec.read(reader);
      return value as StructOf<F>;
    },
    write(writer, value) {
      const record = value as Record<string, unknown>;
      for (const [name, codec] of entries) {
        const field = record[name];
        if (field === undefined) throw new Error(`field '${name}' is missing`);
        codec.write(writer, field);
      }
    },
  };
}

/**
 * A field an older version does not carry: nothing on the wire, read as `value`. Listing newer
 * fields this way in an older grammar makes every version decode to the same (newest) shape at
 * every nesting level, which flat request defaults cannot do. `value` is shared by every decode,
 * so it must be immutable (a number, string, boolean or null); arrays use `absentArray`.
 */
export function absent<T>(value: T): Codec<T> {
  return {
    minSize: 0,
    read: () => value,
    write: () => undefined,
  };
}

/** An array field an older version does not carry: nothing on the wire, read as `[]`. */
export function absentArray<T>(): Codec<T[]> {
  return {
    minSize: 0,
    read: () => [],
    write: () => undefined,
  };
}
