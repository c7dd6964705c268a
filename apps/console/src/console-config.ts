import path from 'node:path';
import {
  defaultAppPorts,
  defaultServicePorts,
  type ServiceName,
  serviceNames,
} from '@fanout/contracts';
import { type KafkaSecurity, resolveKafkaSecurity } from '@fanout/messaging';

/** The launcher's control endpoint (tools/launcher/src/control-server.ts), when it enables one. */
export interface LauncherControl {
  url: string;
  /** A secret the launcher gave this console alone: loopback is not a caller's identity. */
  token: string;
}

export interface ConsoleConfig {
  port: number;
  host: string;
  kafkaBrokers: string[];
  kafkaSecurity: KafkaSecurity;
  /** The console's own consumer group: it reads every topic without touching the services' groups. */
  groupId: string;
  /** Where each service's first instance answers /health, unless the launcher lists its instances. */
  serviceUrls: Record<ServiceName, string>;
  control: LauncherControl | undefined;
  /** The page, and the front-end packages it imports without a build step. */
  publicDir: string;
}

export const CONSOLE_CONFIG = Symbol('CONSOLE_CONFIG');

/**
 * From the environment: PORT, HOST, KAFKA_BROKERS and KAFKA_SASL_* like a service; <SERVICE>_URL
 * (ORDERS_URL, …) where the services answer; LAUNCHER_CONTROL_URL and LAUNCHER_CONTROL_TOKEN when
 * the local launcher lets the page stop, start and scale services.
 */
export function resolveConsoleConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const serviceUrls = Object.fromEntries(
    serviceNames.map((service) => [
      service,
      env[`${service.toUpperCase()}_URL`] || `http://127.0.0.1:${defaultServicePorts[service]}`,
    ]),
  ) as Record<ServiceName, string>;
  const controlUrl = env['LAUNCHER_CONTROL_URL'];
  const controlToken = env['LAUNCHER_CONTROL_TOKEN'];
  if (controlUrl && !controlToken) {
    throw new Error('LAUNCHER_CONTROL_URL is set but LAUNCHER_CONTROL_TOKEN is not');
  }
  return {
    port: Number(env['PORT'] || defaultAppPorts.console),
    host: env['HOST'] || '127.0.0.1',
    kafkaBrokers: (env['KAFKA_BROKERS'] || '127.0.0.1:9092').split(',').map((b) => b.trim()),
    kafkaSecurity: resolveKafkaSecurity(env),
    groupId: env['CONSOLE_GROUP_ID'] || 'console',
    serviceUrls,
    control: controlUrl && controlToken ? { url: controlUrl, token: controlToken } : undefined,
    publicDir: env['CONSOLE_PUBLIC_DIR'] || path.join(__dirname, 'public'),
  };
}
