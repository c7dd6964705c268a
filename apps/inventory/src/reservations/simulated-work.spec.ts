import { SimulatedWork } from './simulated-work';

describe('SimulatedWork', () => {
  it('does one event at a time, so concurrent events queue up', async () => {
    const work = new SimulatedWork(50);
    const started = performance.now();

    await Promise.all([work.perform(), work.perform(), work.perform()]);

    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('costs nothing when no work is configured', async () => {
    const work = new SimulatedWork(0);
    const started = performance.now();

    await Promise.all(Array.from({ length: 100 }, () => work.perform()));

    expect(performance.now() - started).toBeLessThan(50);
  });
});
