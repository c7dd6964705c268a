import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type KafkaSecurity, resolveKafkaSecurity } from './kafka-security';

/**
 * Written by `npm start` (tools/kafka/src/kafka-auth/kafka-credentials.ts) while its broker
 * authenticates, removed when it does not: KAFKA_BROKERS and the operator's KAFKA_SASL_* lines.
 */
export const OPERATOR_ENV_PATH = path.join('kafka-auth', 'operator.env');

const KAFKA_SECURITY_VARIABLE = /^KAFKA_(SASL|SSL)_?/;

/** How an admin tool (npm run dlt, the demos, the benchmark) reaches Kafka, and as whom. */
export interface OperatorKafkaConnection {
  brokers: string[];
  security: KafkaSecurity;
}

/**
 * The environment's KAFKA_BROKERS and KAFKA_SASL_* / KAFKA_SSL* when any of those security
 * variables is set; otherwise the operator credentials `npm start` wrote into the data directory
 * (DATA_DIR, default .data), when it did; otherwise none, for an unsecured broker.
 */
export function operatorKafkaConnection(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): OperatorKafkaConnection {
  const file = path.resolve(cwd, env['DATA_DIR'] || '.data', OPERATOR_ENV_PATH);
  const configuredHere = Object.keys(env).some(
    (name) => KAFKA_SECURITY_VARIABLE.test(name) && env[name],
  );
  const source = configuredHere || !existsSync(file) ? env : { ...readEnvFile(file), ...pick(env) };
  return {
    brokers: (source['KAFKA_BROKERS'] || '127.0.0.1:9092')
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
    security: resolveKafkaSecurity(source),
  };
}

/** KAFKA_BROKERS given on the command line wins over the file's (e.g. another port). */
function pick(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env['KAFKA_BROKERS'] ? { KAFKA_BROKERS: env['KAFKA_BROKERS'] } : {};
}

/** NAME=value lines; blank lines and # comments skipped. The value is taken as written. */
function readEnvFile(file: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const equals = line.indexOf('=');
    if (equals < 1) throw new Error(`${file}: '${line}' is not NAME=value`);
    env[line.slice(0, equals).trim()] = line.slice(equals + 1);
  }
  return env;
}
