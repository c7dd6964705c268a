import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';

/**
 * Runs `work` with `bindings` (e.g. eventId, orderId) on every log line written through Nest's
 * Logger or PinoLogger inside it, including lines from the service's own code, the way pino-http
 * does for an HTTP request.
 */
export function withLogContext<T>(
  bindings: Record<string, unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const parent = storage.getStore()?.logger ?? PinoLogger.root;
  if (!parent) {
    return work();
  }
  return storage.run(new Store(parent.child(bindings)), work);
}
