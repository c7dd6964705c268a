import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Connection, type ConnectionOptions } from './connection';

/** PEM material of a TLS listener. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** When given, clients must present a certificate signed by one of these (mTLS). */
  ca?: Buffer;
}

export interface KafkaServerOptions extends ConnectionOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** SSL / SASL_SSL: TLS over every connection (node:tls), from the first byte. */
  tls?: TlsMaterial;
}

/**
 * The TCP (or TLS) listener: one Connection per client socket, all closed together on shutdown.
 */
export class KafkaServer {
  private readonly connections = new Set<Connection>();
  /** Closed connections whose requests are still being handled. */
  private readonly settling = new Set<Promise<void>>();
  private readonly server: Server;
  private boundPort = 0;

  private constructor(private readonly options: KafkaServerOptions) {
    const accept = (socket: Socket): void => {
      const connection = new Connection(socket, options, (closed) => {
        this.connections.delete(closed);
        const settled = closed.settled();
        this.settling.add(settled);
        void settled.then(() => this.settling.delete(settled));
      });
      this.connections.add(connection);
      options.logger.debug('connection opened', { remote: connection.remote });
    };
    const { tls } = options;
    if (!tls) {
      this.server = createServer({ noDelay: true }, accept);
      return;
    }
    const server = createTlsServer(
      {
        cert: tls.cert,
        key: tls.key,
        noDelay: true,
        ...(tls.ca ? { ca: tls.ca, requestCert: true, rejectUnauthorized: true } : {}),
      },
      accept,
    );
    // A failed handshake (wrong CA, plain TCP on a TLS port) ends that socket only.
    server.on('tlsClientError', (error, socket) => {
      options.logger.debug('TLS handshake failed', {
        remote: `${socket.remoteAddress}:${socket.remotePort}`,
        error,
      });
    });
    this.server = server;
  }

  /** Resolves once the server accepts connections. */
  static async listen(options: KafkaServerOptions): Promise<KafkaServer> {
    const kafkaServer = new KafkaServer(options);
    await new Promise<void>((resolve, reject) => {
      kafkaServer.server.once('error', reject);
      kafkaServer.server.listen({ host: options.host, port: options.port }, () => {
        kafkaServer.server.off('error', reject);
        kafkaServer.boundPort = (kafkaServer.server.address() as AddressInfo).port;
        resolve();
      });
    });
    kafkaServer.server.on('error', (error) => options.logger.error('server error', { error }));
    return kafkaServer;
  }

  get host(): string {
    return this.options.host;
  }

  /** The bound port (the one picked when 0 was asked for). */
  get port(): number {
    return this.boundPort;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Stops accepting, then closes every connection (waking long polls). Requests already being
   * handled go on: `settled()` says when they are done.
   */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of [...this.connections]) connection.close();
    return closed;
  }

  /**
   * Resolves once no request of a closed connection is still being handled. After close(), the
   * point from which nothing the clients sent touches storage any more.
   */
  async settled(): Promise<void> {
    while (this.settling.size > 0) await Promise.all(this.settling);
  }
}
