import { existsSync } from 'node:fs';
import path from 'node:path';
import { findFreePort, NodeProcess } from '@fanout/node-process';
import { mapAddresses } from './address-map';
import type { ComposeDocument, ComposeService } from './compose-document';
import { imageConfig } from './dockerfile-image';

/** Where the image's files come from: its WORKDIR is a copy of the build context. */
const IMAGE_WORKDIR = '/app';
/** docker-compose.yml's stop_grace_period. */
const STOP_GRACE_MS = 30_000;

/** A service container started here, and the URL of its HTTP port. */
export interface LocalContainer {
  /** Started by its start(); stop() is `docker compose stop`: SIGTERM, then SIGKILL. */
  readonly container: NodeProcess;
  readonly url: string;
}

/**
 * Runs Compose services as local processes, each with exactly the command and environment
 * `docker compose` would give its container: the image's (the Dockerfile target's ENV, WORKDIR,
 * ENTRYPOINT and CMD) overlaid with the service's interpolated `environment`. What a container
 * has and this machine has not is stood in for, and nothing else is changed:
 *
 * - compose addresses (`kafka:9092`, `postgres:5432`) → the local servers in `addresses`;
 * - the container's own network namespace → HOST=127.0.0.1 and a free PORT for each process
 *   (containers each have their own 0.0.0.0:3000; processes on one host cannot);
 * - the image's /app → the build context (the repository), `node` → this Node binary, PATH →
 *   this machine's. A bind mount is therefore only possible here when it mounts a file of the
 *   repository at the same place under /app; any other mount is refused with a clear error,
 *   rather than run differently from the file.
 */
export class LocalCompose {
  constructor(
    private readonly compose: ComposeDocument,
    private readonly addresses: Readonly<Record<string, string>>,
    private readonly logDir: string,
  ) {}

  service(name: string): ComposeService {
    const service = this.compose.services[name];
    if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
    return service;
  }

  /** The container compose would start for `name`, not started yet. */
  async container(name: string): Promise<LocalContainer> {
    const service = this.service(name);
    if (!service.build?.target) throw new Error(`${name}: only built services run here`);
    const image = imageConfig(
      path.join(service.build.context, service.build.dockerfile),
      service.build.target,
    );
    const argv = [
      ...(service.entrypoint ?? image.entrypoint),
      ...(service.command ?? image.cmd),
    ].map((arg, i) => (i === 0 && arg === 'node' ? process.execPath : arg));
    const port = await findFreePort();
    const env: Record<string, string> = {
      PATH: process.env['PATH'] ?? '',
      ...image.env,
      ...Object.fromEntries(
        Object.entries(service.environment).map(([key, value]) => [
          key,
          mapAddresses(value, this.addresses),
        ]),
      ),
      HOST: '127.0.0.1',
      PORT: String(port),
    };
    const cwd = this.hostPath(service, image.workdir);
    for (const mount of service.volumes) {
      if (mount.type !== 'bind' || this.hostPath(service, mount.target) !== mount.source) {
        throw new Error(
          `${name}: cannot stand in for the mount of ${mount.source} at ${mount.target} without a container`,
        );
      }
      // As Docker with `create_host_path: false`, and as it would leave an empty directory else.
      if (!existsSync(mount.source)) {
        throw new Error(`${name}: bind source path does not exist: ${mount.source}`);
      }
    }
    // Named by port, as `docker compose ps` names replicas by number: unique on this host.
    // Nothing inherited from this process, as a container inherits nothing from the shell.
    const container = NodeProcess.command(
      `${name}@${port}`,
      argv,
      env,
      path.join(this.logDir, `${name}-${port}.log`),
      { cwd, isolatedEnv: true, stopGraceMs: STOP_GRACE_MS },
    );
    return { container, url: `http://127.0.0.1:${port}` };
  }

  /** Where a path inside the service's image is here: /app is the build context. */
  hostPath(service: ComposeService, containerPath: string): string {
    const context = service.build?.context ?? this.compose.directory;
    return path.resolve(
      context,
      path.relative(IMAGE_WORKDIR, path.resolve(IMAGE_WORKDIR, containerPath)),
    );
  }
}
