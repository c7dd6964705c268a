import { SupervisedProcess } from './process-supervisor';

const LISTENING_LINE = /broker listening on (\S+:\d+)/;

/** Resolves with "host:port" once the embedded broker prints that it is listening. */
export function waitForBrokerAddress(
  broker: SupervisedProcess,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopListening();
      reject(new Error(`the broker did not report listening within ${timeoutMs} ms`));
    }, timeoutMs);
    const stopListening = broker.onLine((line) => {
      const match = LISTENING_LINE.exec(line);
      if (!match) return;
      clearTimeout(timer);
      stopListening();
      resolve(match[1]);
    });
    void broker.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      stopListening();
      reject(new Error(`the broker exited before listening (code ${code}, signal ${signal})`));
    });
  });
}
