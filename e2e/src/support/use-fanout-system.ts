import { FanoutSystem, type FanoutSystemOptions } from './fanout-system';
import { KafkaProbe } from './kafka-probe';
import { brokerStartAllowanceMs } from './test-broker';

export interface FanoutSuite {
  /** The system started for this describe block. */
  system(): FanoutSystem;
  /** A probe on that system's broker. */
  probe(): KafkaProbe;
}

/**
 * Starts one FanoutSystem for the enclosing describe block and stops it after its last test.
 * Call it at the top of the describe; it returns getters because the system only exists once
 * beforeAll has run, so read them inside hooks and tests, not in the describe body.
 */
export function useFanoutSystem(options: FanoutSystemOptions = {}): FanoutSuite {
  let system: FanoutSystem | undefined;
  let probe: KafkaProbe | undefined;

  // Booting the broker, the services and their databases takes far longer than a test's default.
  beforeAll(async () => {
    system = await FanoutSystem.start(options);
  }, 240_000 + brokerStartAllowanceMs());

  afterAll(() => system?.stop(), 60_000);

  const started = (): FanoutSystem => {
    if (!system) throw new Error('the system is not running: read it inside a test or hook');
    return system;
  };

  return {
    system: started,
    // Made on first use, so a spec that never looks at the broker never builds a client for it.
    probe: () => (probe ??= new KafkaProbe(started())),
  };
}
