import { setTimeout as delay } from 'node:timers/promises';
import { Mutex } from 'async-mutex';

/**
 * INVENTORY_WORK_MS of simulated work per event, for the scaling demo. An instance does one
 * event's work at a time, like a single worker: its capacity is 1000 / INVENTORY_WORK_MS events a
 * second whatever the number of partitions it reads, so adding replicas is what adds capacity.
 */
export class SimulatedWork {
  private readonly worker = new Mutex();

  constructor(readonly workMs: number) {}

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): SimulatedWork {
    return new SimulatedWork(Number(env['INVENTORY_WORK_MS'] ?? 0));
  }

  async perform(): Promise<void> {
    if (this.workMs <= 0) return;
    await this.worker.runExclusive(() => delay(this.workMs));
  }
}
