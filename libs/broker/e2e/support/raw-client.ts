import { connect, type Socket } from 'node:net';

/**
 * A bare TCP client speaking Kafka framing, for what kafkajs never sends: malformed frames,
 * unsupported versions, pipelined raw requests.
 */
export class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly waiting: { resolve: (frame: Buffer) => void; reject: (error: Error) => void }[] =
    [];
  private ended = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.deliver();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        this.ended = true;
        for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('connection closed'));
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => {
        socket.off('error', reject);
        resolve(new RawClient(socket));
      });
      socket.once('error', reject);
    });
  }

  get isClosed(): boolean {
    return this.ended;
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /** Sends each body as one frame (int32 size prefix, then the body), all in one write. */
  send(...bodies: Buffer[]): void {
    this.socket.write(Buffer.concat(bodies.flatMap((body) => [sizePrefix(body.length), body])));
  }

  /** The next response frame's body (correlation id first). */
  receive(timeoutMs = 5000): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      if (this.ended) return reject(new Error('connection closed'));
      const timer = setTimeout(() => reject(new Error('no response in time')), timeoutMs);
      this.waiting.push({
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.deliver();
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private deliver(): void {
    while (this.waiting.length > 0 && this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (this.buffered.length < 4 + size) return;
      const frame = this.buffered.subarray(4, 4 + size);
      this.buffered = this.buffered.subarray(4 + size);
      this.waiting.shift()?.resolve(frame);
    }
  }
}

function sizePrefix(size: number): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(size);
  return prefix;
}

/** A request: header v1 (key, version, correlation id, client id) and `body`. */
export function requestFrame(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  body: Buffer = Buffer.alloc(0),
  clientId = 'raw-client',
): Buffer {
  const header = Buffer.alloc(10 + Buffer.byteLength(clientId));
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(Buffer.byteLength(clientId), 8);
  header.write(clientId, 10);
  return Buffer.concat([header, body]);
}
