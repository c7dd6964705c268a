import type { Codec } from '../primitives';

/**
 * A version's grammar read as, and written from, the API's normalized shape, for versions whose
 * fields are not a subset of the newest ones (LeaveGroup v0-2 name one member where v3 lists
 * many) or whose missing field is derived from another (JoinGroup v0's rebalance timeout is its
 * session timeout), which static request defaults cannot express.
 */
export function adaptedCodec<Wire, Normalized>(
  wire: Codec<Wire>,
  fromWire: (value: Wire) => Normalized,
  toWire: (value: Normalized) => Wire,
): Codec<Normalized> {
  return {
    minSize: wire.minSize,
    read: (reader) => fromWire(wire.read(reader)),
    write: (writer, value) => wire.write(writer, toWire(value)),
  };
}
