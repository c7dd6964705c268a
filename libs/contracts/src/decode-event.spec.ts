import { decodeEvent } from './decode-event';
import { eventDefinitions } from './event-registry';
import { topicKeys, Topics } from './topics';

const envelope = {
  eventId: '2c5ea4c0-4067-41f1-9c1a-9bf3d8b2e0a5',
  type: 'PaymentFailed',
  version: 1,
  occurredAt: '2026-01-01T00:00:00.000Z',
  correlationId: 'flow-1',
  causationId: null,
  producer: 'payments',
  payload: {
    orderId: '3b241101-e2bb-4255-8caf-4136c566a962',
    paymentId: '8f14e45f-ceea-467f-a0e6-b1c4bd3e6b3a',
    amountCents: 200000,
    reason: 'insufficient funds',
  },
};
const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeEvent', () => {
  it('accepts a valid event', () => {
    const result = decodeEvent(encode(envelope));
    expect(result.ok && result.event.type).toBe('PaymentFailed');
  });

  it('tolerates fields it does not know (producers may add fields first)', () => {
    const result = decodeEvent(encode({ ...envelope, payload: { ...envelope.payload, extra: 1 } }));
    expect(result.ok).toBe(true);
  });

  it.each([
    ['not-json', Buffer.from('{oops')],
    ['not-json', null],
    ['invalid-envelope', encode({ ...envelope, eventId: 'nope' })],
    ['invalid-envelope', encode({ ...envelope, producer: 'billing' })],
    ['invalid-envelope', encode([1, 2])],
    ['unknown-type', encode({ ...envelope, type: 'PaymentDisputed' })],
    ['unknown-type', encode({ ...envelope, version: 2 })],
    ['invalid-payload', encode({ ...envelope, payload: { ...envelope.payload, amountCents: -1 } })],
    ['invalid-payload', encode({ ...envelope, payload: {} })],
  ])('reports %s', (reason, value) => {
    const result = decodeEvent(value);
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok === false && result.message.length).toBeGreaterThan(0);
  });

  it('says which field is wrong', () => {
    const result = decodeEvent(
      encode({ ...envelope, payload: { ...envelope.payload, amountCents: 'lots' } }),
    );
    expect(result.ok === false && result.message).toMatch(/amountCents/);
  });
});

describe('event registry', () => {
  it('names each (type, version) once', () => {
    const keys = eventDefinitions.map((d) => `${d.type}@${d.version}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keys every event by what its topic is keyed by: the order id, or the catalogue's SKU", () => {
    for (const definition of eventDefinitions) {
      const example = definition.example as { orderId?: string; sku?: string };
      const key = topicKeys[definition.topic] === 'SKU' ? example.sku : example.orderId;
      expect(key).toBeDefined();
      expect((definition.keyOf as (p: unknown) => string)(example)).toBe(key);
    }
  });

  it("publishes every event on its producer's topic (inventory also owns the catalogue's)", () => {
    for (const definition of eventDefinitions) {
      const owned = definition.topic === Topics.products ? 'inventory' : definition.topic;
      expect(definition.producer).toBe(owned);
    }
  });
});
