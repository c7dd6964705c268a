// Helpers for the codec specs only. The byte builders are deliberately independent of Writer, so
// a golden frame checks the codecs against the grammar, not against themselves.
import type { ApiDefinition } from '../api-definition';
import { Reader, Writer, type Codec } from '../primitives';

export const int8 = (value: number): Buffer => Buffer.of(value & 0xff);

export function int16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeInt16BE(value);
  return out;
}

export function int32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeInt32BE(value);
  return out;
}

export function int64(value: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigInt64BE(BigInt(value));
  return out;
}

export const string = (value: string): Buffer =>
  Buffer.concat([int16(Buffer.byteLength(value)), Buffer.from(value)]);

export const nullString = int16(-1);

export const bytes = (value: Buffer): Buffer => Buffer.concat([int32(value.length), value]);

export const nullBytes = int32(-1);

/** An array: int32 count, then the elements' bytes. */
export const array = (...elements: Buffer[]): Buffer =>
  Buffer.concat([int32(elements.length), ...elements]);

export const frame = (...parts: Buffer[]): Buffer => Buffer.concat(parts);

export function encode<T>(codec: Codec<T>, value: T): Buffer {
  const writer = new Writer(8);
  codec.write(writer, value);
  return writer.toBuffer();
}

/** Decodes and insists every byte was consumed: a short read hides a missing field. */
export function decodeWhole<T>(read: (reader: Reader) => T, bytes: Buffer): T {
  const reader = new Reader(bytes);
  const value = read(reader);
  if (reader.remaining !== 0) throw new Error(`${reader.remaining} bytes left undecoded`);
  return value;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyApi = ApiDefinition<any, any>;

/** Encodes a normalized request with one version's grammar and decodes it as the broker does. */
export function requestRoundTrip<Req>(
  api: ApiDefinition<Req, unknown>,
  version: number,
  request: Req,
): Req {
  const bytes = encode(codec(api, version, 'request'), request);
  return decodeWhole((reader) => api.decodeRequest(version, reader), bytes);
}

/**
 * Encodes a newest-shaped response as the broker does, decodes it with that version's grammar,
 * and checks that re-encoding the decoded value gives the same bytes.
 */
export function responseRoundTrip<Res>(
  api: ApiDefinition<unknown, Res>,
  version: number,
  response: Res,
): unknown {
  const writer = new Writer(8);
  api.encodeResponse(version, writer, response);
  const bytes = writer.toBuffer();
  const responseCodec = codec(api, version, 'response');
  const decoded = decodeWhole((reader) => responseCodec.read(reader), bytes);
  const again = encode(responseCodec, decoded);
  if (!again.equals(bytes))
    throw new Error(`${api.name} v${version} response re-encodes differently`);
  return decoded;
}

export function encodeResponse<Res>(
  api: ApiDefinition<unknown, Res>,
  version: number,
  response: Res,
): Buffer {
  const writer = new Writer(8);
  api.encodeResponse(version, writer, response);
  return writer.toBuffer();
}

export function encodeRequest<Req>(
  api: ApiDefinition<Req, unknown>,
  version: number,
  request: Req,
): Buffer {
  return encode(codec(api, version, 'request'), request);
}

export function decodeRequest<Req>(
  api: ApiDefinition<Req, unknown>,
  version: number,
  bytes: Buffer,
): Req {
  return decodeWhole((reader) => api.decodeRequest(version, reader), bytes);
}

export function decodeResponse(api: AnyApi, version: number, bytes: Buffer): unknown {
  const responseCodec = codec(api, version, 'response');
  return decodeWhole((reader) => responseCodec.read(reader), bytes);
}

export function versionsOf(api: AnyApi): number[] {
  const out: number[] = [];
  for (let v = api.minVersion; v <= api.maxVersion; v++) out.push(v);
  return out;
}

function codec(api: AnyApi, version: number, side: 'request' | 'response'): Codec<unknown> {
  const found = api.versions[version];
  if (!found) throw new RangeError(`${api.name} v${version} is not implemented`);
  return found[side];
}
