import { causedBy, createEvent } from './create-event';
import { decodeEvent } from './decode-event';
import { EventContractError } from './event-contract-error';
import { EventHeaders, encodeEvent, eventHeaders } from './event-headers';
import { OrderCreated } from './events/order-events';
import { PaymentCompleted } from './events/payment-events';

const orderId = '3b241101-e2bb-4255-8caf-4136c566a962';
const created = () =>
  createEvent(
    OrderCreated,
    {
      orderId,
      customerId: 'customer-1',
      items: [{ sku: 'A', quantity: 2, unitPriceCents: 150 }],
      totalCents: 300,
    },
    { producer: 'orders', correlationId: orderId },
  );

describe('createEvent', () => {
  it('builds a complete envelope that decodes back to itself', () => {
    const event = created();
    expect(event).toMatchObject({
      type: 'OrderCreated',
      version: 1,
      producer: 'orders',
      correlationId: orderId,
      causationId: null,
    });
    expect(decodeEvent(Buffer.from(encodeEvent(event)))).toEqual({
      ok: true,
      event,
      definition: OrderCreated,
    });
  });

  it('refuses a payload that breaks the contract', () => {
    expect(() =>
      createEvent(
        PaymentCompleted,
        { orderId, paymentId: 'not-a-uuid', amountCents: 1.5 },
        { producer: 'payments', correlationId: orderId },
      ),
    ).toThrow(EventContractError);
  });

  it('chains correlation and causation through causedBy', () => {
    const cause = created();
    const effect = createEvent(
      PaymentCompleted,
      { orderId, paymentId: '8f14e45f-ceea-467f-a0e6-b1c4bd3e6b3a', amountCents: 300 },
      causedBy(cause, 'payments'),
    );
    expect(effect.correlationId).toBe(cause.correlationId);
    expect(effect.causationId).toBe(cause.eventId);
    expect(effect.eventId).not.toBe(cause.eventId);
  });

  it('repeats the metadata in Kafka headers', () => {
    const event = created();
    expect(eventHeaders(event)).toEqual({
      [EventHeaders.type]: 'OrderCreated',
      [EventHeaders.version]: '1',
      [EventHeaders.eventId]: event.eventId,
      [EventHeaders.correlationId]: orderId,
      [EventHeaders.producer]: 'orders',
    });
  });
});
