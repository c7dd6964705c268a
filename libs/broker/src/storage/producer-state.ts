import { BatchHeader } from '../record';

/** Batches per producer remembered for duplicate detection (Kafka's max.in.flight limit). */
export const RETAINED_BATCHES = 5;
const INT32_MAX = 0x7fffffff;

interface RetainedBatch {
  firstSeq: number;
  lastSeq: number;
  baseOffset: number;
}

interface ProducerEntry {
  epoch: number;
  batches: RetainedBatch[];
}

export type SequenceVerdict =
  | { kind: 'append' }
  | { kind: 'duplicate'; baseOffset: number }
  | { kind: 'error'; error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' | 'INVALID_PRODUCER_EPOCH' };

/** Kafka sequences wrap from Int32.MAX to 0. */
export const nextSequence = (sequence: number): number =>
  sequence === INT32_MAX ? 0 : sequence + 1;

export const lastSequenceOf = (header: BatchHeader): number => {
  const last = header.baseSequence + header.lastOffsetDelta;
  return last > INT32_MAX ? last - INT32_MAX - 1 : last;
};

/**
 * Idempotent-producer state of one partition: per producer id its epoch and last few batches.
 * Checks are staged (see `stage`) so that a produce request is applied whole or not at all.
 */
export class ProducerState {
  private readonly producers = new Map<number, ProducerEntry>();

  /** Starts a check of one append; nothing changes until `commit`. */
  stage(): ProducerStateStage {
    return new ProducerStateStage(this.producers);
  }

  /** Replays a stored batch (recovery): trusted, never refused. */
  replay(header: BatchHeader): void {
    if (header.producerId < 0) return;
    const stage = this.stage();
    stage.record(header, header.baseOffset);
    stage.commit();
  }

  get size(): number {
    return this.producers.size;
  }
}

export class ProducerStateStage {
  private readonly staged = new Map<number, ProducerEntry>();

  constructor(private readonly producers: Map<number, ProducerEntry>) {}

  check(header: BatchHeader): SequenceVerdict {
    if (header.producerId < 0) return { kind: 'append' };
    const known = this.entry(header.producerId);
    if (!known) return { kind: 'append' };
    if (header.producerEpoch < known.epoch)
      return { kind: 'error', error: 'INVALID_PRODUCER_EPOCH' };
    if (header.producerEpoch > known.epoch) {
      return header.baseSequence === 0
        ? { kind: 'append' }
        : { kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
    }
    const lastSeq = lastSequenceOf(header);
    const duplicate = known.batches.find(
      (b) => b.firstSeq === header.baseSequence && b.lastSeq === lastSeq,
    );
    if (duplicate) return { kind: 'duplicate', baseOffset: duplicate.baseOffset };
    const newest = known.batches[known.batches.length - 1];
    if (newest && header.baseSequence !== nextSequence(newest.lastSeq)) {
      return { kind: 'error', error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
    }
    return { kind: 'append' };
  }

  /** Notes an accepted batch stored at `baseOffset`. */
  record(header: BatchHeader, baseOffset: number): void {
    if (header.producerId < 0) return;
    const known = this.entry(header.producerId);
    const sameEpoch = known !== undefined && known.epoch === header.producerEpoch;
    const batches = sameEpoch ? [...known.batches] : [];
    batches.push({ firstSeq: header.baseSequence, lastSeq: lastSequenceOf(header), baseOffset });
    if (batches.length > RETAINED_BATCHES) batches.shift();
    this.staged.set(header.producerId, { epoch: header.producerEpoch, batches });
  }

  commit(): void {
    for (const [id, entry] of this.staged) this.producers.set(id, entry);
  }

  private entry(producerId: number): ProducerEntry | undefined {
    return this.staged.get(producerId) ?? this.producers.get(producerId);
  }
}
