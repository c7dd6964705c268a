import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { type RunningBroker, startBroker } from '@fanout/broker';
import { TopicAdmin } from './topic-admin';

describe('TopicAdmin on a broker with ACLs', () => {
  let dataDir: string;
  let broker: RunningBroker;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'topic-admin-acl-'));
    broker = await startBroker({
      port: 0,
      dataDir,
      logLevel: 'error',
      securityProtocol: 'SASL_PLAINTEXT',
      saslMechanisms: ['SCRAM-SHA-512'],
      saslUsers: [{ name: 'payments', password: 'payments-secret' }],
      authorizer: 'acl',
      // May write its own topic, as npm start allows, but create nothing.
      acls: [
        {
          resourceType: 'TOPIC',
          resourceName: 'payments',
          principal: 'User:payments',
          operation: 'WRITE',
          permissionType: 'ALLOW',
        },
      ],
    });
  });

  afterAll(async () => {
    await broker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says which topics are missing and who creates them, when it may not create them', async () => {
    const kafka = new Kafka({
      clientId: 'payments',
      brokers: [broker.brokers],
      sasl: { mechanism: 'scram-sha-512', username: 'payments', password: 'payments-secret' },
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    });

    await expect(new TopicAdmin(kafka).ensureTopics(['payments'])).rejects.toThrow(
      /^topics payments, payments\.dlt do not exist .* create them as the cluster's operator/,
    );
  });
});
