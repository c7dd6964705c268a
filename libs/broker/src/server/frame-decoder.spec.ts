import fc from 'fast-check';
import { FrameDecoder, FrameError } from './frame-decoder';

const frame = (body: Buffer): Buffer => {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(body.length);
  return Buffer.concat([prefix, body]);
};

describe('FrameDecoder', () => {
  it('yields the same frames however the stream is split into chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (bodies, cuts) => {
          const stream = Buffer.concat(bodies.map((body) => frame(Buffer.from(body))));
          const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort(
            (a, b) => a - b,
          );
          const decoder = new FrameDecoder(1024);
          const frames: Buffer[] = [];
          let from = 0;
          for (const to of [...points, stream.length]) {
            frames.push(...decoder.push(stream.subarray(from, to)));
            from = to;
          }
          expect(frames.map((f) => [...f])).toEqual(bodies.map((b) => [...b]));
          expect(decoder.hasPartialFrame).toBe(false);
        },
      ),
    );
  });

  it('serves a frame that arrived whole as a view of the chunk, without copying', () => {
    const chunk = frame(Buffer.from('hello'));
    const [body] = new FrameDecoder(1024).push(chunk);
    expect(body?.buffer).toBe(chunk.buffer);
  });

  it('refuses a size above the limit or below zero from the prefix alone', () => {
    expect(() => new FrameDecoder(100).push(Buffer.from([0, 0, 0, 101]))).toThrow(FrameError);
    expect(() => new FrameDecoder(100).push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(
      /negative frame size/,
    );
    // Exactly the limit is fine: it waits for the body.
    const decoder = new FrameDecoder(100);
    expect(decoder.push(Buffer.from([0, 0, 0, 100]))).toEqual([]);
    expect(decoder.hasPartialFrame).toBe(true);
  });

  it('accepts an empty frame', () => {
    expect(new FrameDecoder(10).push(Buffer.from([0, 0, 0, 0]))).toEqual([Buffer.alloc(0)]);
  });
});
