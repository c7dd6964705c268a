import { SupervisedProcess } from './process-supervisor';

const BROKER_LISTENING = /broker listening on (\S+:\d+)/;
const APACHE_KAFKA_LISTENING = /kafka listening on (\S+:\d+)/;
const POSTGRES_LISTENING = /^postgres listening on (\S+:\d+)$/;

/** Resolves with "host:port" once the embedded broker prints that it is listening. */
export function waitForBrokerAddress(
  broker: SupervisedProcess,
  timeoutMs: number,
): Promise<string> {
  return waitForListening(broker, 'the broker', BROKER_LISTENING, timeoutMs);
}

/** Resolves with "host:port" once tools/kafka's runner says Apache Kafka takes clients. */
export function waitForApacheKafkaAddress(
  kafka: SupervisedProcess,
  timeoutMs: number,
): Promise<string> {
  return waitForListening(kafka, 'Apache Kafka', APACHE_KAFKA_LISTENING, timeoutMs);
}

/** Resolves with "host:port" once the embedded PostgreSQL (postgres-main.ts) accepts connections. */
export function waitForPostgresAddress(
  postgres: SupervisedProcess,
  timeoutMs: number,
): Promise<string> {
  return waitForListening(postgres, 'PostgreSQL', POSTGRES_LISTENING, timeoutMs);
}

function waitForListening(
  child: SupervisedProcess,
  what: string,
  listening: RegExp,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      reject(new Error(`${what} did not report listening within ${timeoutMs} ms`));
    }, timeoutMs);
    const stopListening = child.onLine((line) => {
      const match = listening.exec(line);
      if (!match) return;
      clearTimeout(timer);
      stopListening();
      resolve(match[1]);
    });
    void child.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      stopListening();
      reject(new Error(`${what} exited before listening (code ${code}, signal ${signal})`));
    });
  });
}
