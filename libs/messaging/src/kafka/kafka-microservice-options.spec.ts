import { kafkaMicroserviceOptions } from './kafka-microservice-options';
import { resolveKafkaSettings } from './kafka-settings';

describe('kafkaMicroserviceOptions', () => {
  const consumerOf = (fetchGatherMs: number) => {
    const options = kafkaMicroserviceOptions({
      ...resolveKafkaSettings('analytics', {}),
      fetchGatherMs,
    }).options;
    return options?.consumer;
  };

  it("leaves kafkajs's fetch as it is by default: the broker answers as soon as there is an event", () => {
    expect(resolveKafkaSettings('payments', {}).fetchGatherMs).toBe(0);
    expect(consumerOf(0)).not.toHaveProperty('minBytes');
    expect(consumerOf(0)).not.toHaveProperty('maxWaitTimeInMs');
  });

  it('lets the broker hold a fetch for fetchGatherMs, until more than a burst has arrived', () => {
    expect(consumerOf(100)).toMatchObject({ minBytes: 1024 * 1024, maxWaitTimeInMs: 100 });
  });

  it('reads KAFKA_FETCH_GATHER_MS and refuses a value that is not a whole number of milliseconds', () => {
    expect(resolveKafkaSettings('orders', { KAFKA_FETCH_GATHER_MS: '25' }).fetchGatherMs).toBe(25);
    for (const value of ['ten', '-5', '2.5']) {
      expect(() => resolveKafkaSettings('orders', { KAFKA_FETCH_GATHER_MS: value })).toThrow(
        `KAFKA_FETCH_GATHER_MS must be a whole number of milliseconds, not "${value}"`,
      );
    }
  });
});
