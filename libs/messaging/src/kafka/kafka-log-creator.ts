import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/**
 * kafkajs warnings that are expected here, logged at debug instead so that a normal start shows no
 * warning. The relay's producer bounds its retries on purpose: the outbox retries for ever at its
 * own level (with backoff and a visible error), and consumers drop duplicates by event id, so
 * Kafka's exactly-once guarantee is not what delivery relies on.
 */
const expectedWarnings = [
  'Limiting retries for the idempotent producer may invalidate EoS guarantees',
];

/** Routes kafkajs's own logging into the service's logger (pino once the app uses it). */
export const kafkaLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...details } = log;
    const line = { msg: message, ...details };
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN && !expectedWarnings.includes(message)) logger.warn(line);
    else if (level === logLevel.INFO) logger.log(line);
    else logger.debug(line);
  };
};
