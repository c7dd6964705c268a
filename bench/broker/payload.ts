/**
 * Message values of a given size. Latency messages carry their send time (performance.now(),
 * valid because producer and consumer share this process) and a sequence number up front.
 */
const HEADER_BYTES = 12;

export function fillerValue(size: number): Buffer {
  const value = Buffer.alloc(size);
  for (let i = 0; i < size; i++) value[i] = 97 + (i % 26);
  return value;
}

export function stampedValue(size: number, sequence: number): Buffer {
  const value = fillerValue(Math.max(size, HEADER_BYTES));
  value.writeDoubleLE(performance.now(), 0);
  value.writeUInt32LE(sequence, 8);
  return value;
}

export function readStamp(value: Uint8Array): { sentAt: number; sequence: number } {
  const view = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return { sentAt: view.readDoubleLE(0), sequence: view.readUInt32LE(8) };
}
