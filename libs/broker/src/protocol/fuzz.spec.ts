import fc from 'fast-check';
import type { ApiDefinition, ApiVersionCodecs } from './api-definition';
import { apiRegistry } from './api-registry';
import { type Codec, ProtocolError, Reader, Writer } from './primitives';
import { decodeRequestHeader } from './request-header';
import { RandomValueReader } from './testing/random-value-reader';

// Property tests over every decoder in the registry, whatever it holds when this runs: hostile
// input must end in a ProtocolError (nothing else escapes), and a successful decode holds no more
// than the input did: every array element, string character and byte slice is paid for by input
// bytes, and byte fields are views of the frame, not copies (CVE-2022-34917 class bugs).

type Decode = (reader: Reader) => unknown;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyApi = ApiDefinition<any, any>;

interface Target {
  name: string;
  codec: Codec<unknown>;
  decode: Decode;
}

function targetsOf(api: AnyApi, side: 'request' | 'response'): Target[] {
  const targets: Target[] = [];
  for (let version = api.minVersion; version <= api.maxVersion; version++) {
    const codec = (api.versions[version] as ApiVersionCodecs)[side];
    const decode: Decode =
      side === 'request'
        ? (reader) => api.decodeRequest(version, reader)
        : (reader) => codec.read(reader);
    targets.push({ name: `${api.name} v${version} ${side}`, codec, decode });
  }
  return targets;
}

/** Counts what a decoded value holds, and checks its byte fields are views of `input`. */
function footprint(value: unknown, input: Buffer): number {
  if (Buffer.isBuffer(value)) {
    if (value.length > 0 && value.buffer !== input.buffer) {
      throw new Error('a byte field was copied out of the frame');
    }
    return value.length;
  }
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) {
    return value.reduce<number>((sum, item) => sum + 1 + footprint(item, input), 0);
  }
  if (value !== null && typeof value === 'object') {
    return Object.values(value).reduce<number>((sum, field) => sum + footprint(field, input), 0);
  }
  return 0;
}

/** Decodes hostile input: a ProtocolError is the only acceptable failure. */
function decodeHostile(decode: Decode, input: Buffer): void {
  let value: unknown;
  try {
    value = decode(new Reader(input));
  } catch (error) {
    if (error instanceof ProtocolError) return;
    throw error;
  }
  const held = footprint(value, input);
  if (held > input.length) {
    throw new Error(`decoded ${held} elements and bytes out of ${input.length} input bytes`);
  }
}

/** A valid frame of the codec's grammar with random content, or null if none can be made. */
function validFrame(codec: Codec<unknown>, seed: number): Buffer | null {
  try {
    const writer = new Writer(64);
    codec.write(writer, codec.read(new RandomValueReader(seed)));
    return writer.toBuffer();
  } catch {
    // An adapted codec may refuse an invented value its wire form cannot express.
    return null;
  }
}

// Values that make a length or count field hostile wherever they land.
const hostileInt32 = fc.constantFrom(0x7fffffff, -1, -2, -0x80000000, 0x10000, 0x7fff);

const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('byte' as const),
    at: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({ kind: fc.constant('int32' as const), at: fc.nat(), value: hostileInt32 }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(frame: Buffer, mutations: Mutation[]): Buffer {
  let out = Buffer.from(frame);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'byte') out[at] = m.byte;
    else if (m.kind === 'int32' && at + 4 <= out.length) out.writeInt32BE(m.value, at);
    else if (m.kind === 'truncate') out = out.subarray(0, at);
  }
  return out;
}

const RUNS = 100;
const apis = [...apiRegistry.values()];
const targets = apis.flatMap((api) =>
  (['request', 'response'] as const).map((side) => ({
    label: `${api.name} ${side}s`,
    targets: targetsOf(api, side),
  })),
);

describe('decoders under fuzzing', () => {
  it('covers every API in the registry', () => {
    expect(apis.length).toBeGreaterThanOrEqual(8);
  });

  it.each(targets)(
    '$label: random bytes end in ProtocolError or a bounded value',
    ({ targets }) => {
      for (const target of targets) {
        fc.assert(
          fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
            decodeHostile(target.decode, Buffer.from(bytes));
          }),
          { numRuns: RUNS },
        );
      }
    },
  );

  it.each(targets)(
    '$label: mutated valid frames end in ProtocolError or a bounded value',
    ({ targets }) => {
      for (const target of targets) {
        fc.assert(
          fc.property(
            fc.integer(),
            fc.array(mutation, { minLength: 1, maxLength: 4 }),
            (seed, mutations) => {
              const frame = validFrame(target.codec, seed);
              if (frame === null) return;
              decodeHostile(target.decode, frame);
              decodeHostile(target.decode, mutate(frame, mutations));
            },
          ),
          { numRuns: RUNS },
        );
      }
    },
  );

  it.each(targets)('$label: valid frames decode whole', ({ targets }) => {
    let made = 0;
    for (const target of targets) {
      for (let seed = 1; seed <= 20; seed++) {
        const frame = validFrame(target.codec, seed);
        if (frame === null) continue;
        made++;
        const reader = new Reader(frame);
        target.decode(reader);
        expect(reader.remaining).toBe(0);
      }
    }
    expect(made).toBeGreaterThan(0);
  });

  it('refuses huge counts and lengths at once, without reading on', () => {
    const huge = Buffer.alloc(64, 0x7f);
    for (const { targets: list } of targets) {
      for (const target of list) {
        const started = performance.now();
        decodeHostile(target.decode, huge);
        expect(performance.now() - started).toBeLessThan(50);
      }
    }
  });

  it('request header: random bytes end in ProtocolError or a bounded value', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        decodeHostile(decodeRequestHeader, Buffer.from(bytes));
      }),
      { numRuns: 500 },
    );
  });
});
