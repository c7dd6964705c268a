import { readValidBatch, splitBatches } from '../record-batch';
import { buildBatch, buildValuesBatch } from './record-batch-builder';

describe('buildBatch', () => {
  it('encodes a valid magic-2 batch with the given producer fields and timestamps', () => {
    const batch = buildBatch({
      records: [
        { key: 'k', value: 'v', headers: { h: 'x' } },
        { value: null, timestampDelta: 7 },
      ],
      baseTimestamp: 1_000,
      producerId: 42,
      producerEpoch: 3,
      baseSequence: 10,
    });
    const header = readValidBatch(batch);
    expect(header).toMatchObject({
      size: batch.length,
      lastOffsetDelta: 1,
      recordCount: 2,
      baseTimestamp: 1_000,
      maxTimestamp: 1_007,
      producerId: 42,
      producerEpoch: 3,
      baseSequence: 10,
    });
  });

  it('produces batches that concatenate into a valid produce payload', () => {
    const payload = Buffer.concat([buildValuesBatch('a', 3), buildValuesBatch('b', 1)]);
    expect(splitBatches(payload).map((h) => h.recordCount)).toEqual([3, 1]);
  });
});
