import { Reader, ProtocolError, Writer } from './primitives';
import { decodeRequestHeader, encodeRequestHeader, encodeResponseHeader } from './request-header';
import { frame, int16, int32, int8, nullString, string } from './requests/codec-test-kit';

describe('request header', () => {
  it('decodes header v1 and leaves the reader at the body', () => {
    const body = int32(42);
    const reader = new Reader(frame(int16(1), int16(11), int32(7), string('kafkajs'), body));
    expect(decodeRequestHeader(reader)).toEqual({
      apiKey: 1,
      apiVersion: 11,
      correlationId: 7,
      clientId: 'kafkajs',
    });
    expect(reader.int32()).toBe(42);
    expect(reader.remaining).toBe(0);
  });

  it('reads a null client id', () => {
    const reader = new Reader(frame(int16(18), int16(2), int32(-5), nullString));
    expect(decodeRequestHeader(reader).clientId).toBeNull();
  });

  it('reads the common prefix of a flexible header v2 (librdkafka ApiVersions v3)', () => {
    // Header v2 appends tagged fields (here: none, one zero byte) after the client id.
    const reader = new Reader(frame(int16(18), int16(3), int32(1), string('rdkafka'), int8(0)));
    expect(decodeRequestHeader(reader)).toEqual({
      apiKey: 18,
      apiVersion: 3,
      correlationId: 1,
      clientId: 'rdkafka',
    });
  });

  it('refuses a truncated header or a client id longer than the frame', () => {
    expect(() => decodeRequestHeader(new Reader(frame(int16(1), int16(11))))).toThrow(
      ProtocolError,
    );
    const lying = frame(int16(1), int16(11), int32(7), int16(200), Buffer.from('short'));
    expect(() => decodeRequestHeader(new Reader(lying))).toThrow(ProtocolError);
  });

  it('encodes request header v1 and response header v0', () => {
    const writer = new Writer();
    encodeRequestHeader(writer, { apiKey: 3, apiVersion: 6, correlationId: 9, clientId: null });
    expect(writer.toBuffer()).toEqual(frame(int16(3), int16(6), int32(9), nullString));
    const response = new Writer();
    encodeResponseHeader(response, 0x01020304);
    expect(response.toBuffer()).toEqual(Buffer.from([1, 2, 3, 4]));
  });
});
