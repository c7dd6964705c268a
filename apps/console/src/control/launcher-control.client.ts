import { HttpException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CONSOLE_CONFIG, type ConsoleConfig } from '../console-config';

/** One process the launcher runs, as its control endpoint lists it. */
export interface LauncherInstance {
  label: string;
  url: string;
  running: boolean;
}

export interface LauncherServices {
  services: { service: string; instances: LauncherInstance[] }[];
}

const CONTROL_TIMEOUT_MS = 30_000;

/**
 * The local launcher's control endpoint: stop, start and scale services, mint a customer's token,
 * replay dead letters as the operator, run the load generator. The console never holds those
 * powers itself: without a launcher (compose, Kubernetes) the page's controls say so.
 */
@Injectable()
export class LauncherControlClient {
  constructor(@Inject(CONSOLE_CONFIG) private readonly config: ConsoleConfig) {}

  get enabled(): boolean {
    return this.config.control !== undefined;
  }

  services(): Promise<LauncherServices> {
    return this.call('GET', '/services');
  }

  stop(service: string): Promise<unknown> {
    return this.call('POST', `/services/${encodeURIComponent(service)}/stop`);
  }

  start(service: string): Promise<unknown> {
    return this.call('POST', `/services/${encodeURIComponent(service)}/start`);
  }

  scale(service: string, replicas: number): Promise<unknown> {
    return this.call('POST', `/services/${encodeURIComponent(service)}/scale`, { replicas });
  }

  async customerToken(customer: string): Promise<string> {
    const { token } = await this.call<{ token: string }>('POST', '/tokens', { customer });
    return token;
  }

  replay(body: { topic: string; eventId?: string; group?: string }): Promise<unknown> {
    return this.call('POST', '/dead-letters/replay', body);
  }

  burst(body: { rate: number; duration: number }): Promise<unknown> {
    return this.call('POST', '/load', body);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const control = this.config.control;
    if (!control) {
      throw new ServiceUnavailableException(
        'this console runs without the local launcher: start, stop, scale, tokens and replay need `npm start`',
      );
    }
    const response = await fetch(`${control.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${control.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
    });
    const answer = (await response.json().catch(() => ({}))) as T & { message?: string };
    if (!response.ok) {
      throw new HttpException(
        { message: answer.message ?? `the launcher answered ${response.status}` },
        response.status,
      );
    }
    return answer;
  }
}
