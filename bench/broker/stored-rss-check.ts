import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrokerProcess, type BrokerLaunch } from './broker-process';
import { removeOnExit } from './exit-cleanup';
import { createTopic, kafkaClient, produce, storedMessages } from './kafkajs-bench';
import type { RunMetrics } from './metrics';

const STORED_MESSAGE_BYTES = 1024;

/**
 * A fresh broker stores `messages` x 1 KiB; its RSS is read once they are acknowledged, and
 * again after a restart on the same data directory (what recovery and indexes cost).
 */
export async function storedRssCheck(
  launch: BrokerLaunch,
  messages: number,
  nodeArgs: string[],
  log: (line: string) => void,
): Promise<RunMetrics> {
  const dataDir = removeOnExit(await mkdtemp(join(tmpdir(), 'broker-bench-rss-')));
  const topic = 'bench-stored';
  try {
    const broker = await startBrokerProcess(launch, dataDir, nodeArgs);
    let produced;
    let afterProduce;
    try {
      const kafka = kafkaClient(broker.bootstrap);
      await createTopic(kafka, topic);
      produced = await produce(kafka, topic, {
        messages,
        size: STORED_MESSAGE_BYTES,
        batch: 1000,
        inflight: 4,
      });
      afterProduce = broker.sample();
      log(
        `  stored ${messages} messages at ${produced.throughput.megabytesPerSecond.toFixed(1)} MB/s`,
      );
    } finally {
      await broker.stop();
    }

    const restarted = await startBrokerProcess(launch, dataDir, nodeArgs);
    try {
      const stored = await storedMessages(kafkaClient(restarted.bootstrap), topic);
      const afterRestart = restarted.sample();
      return {
        storedMessages: stored,
        storedProduceMegabytesPerSecond: produced.throughput.megabytesPerSecond,
        storedRssBytes: afterProduce.rssBytes,
        storedPeakRssBytes: afterProduce.peakRssBytes,
        storedRestartRssBytes: afterRestart.rssBytes,
      };
    } finally {
      await restarted.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
