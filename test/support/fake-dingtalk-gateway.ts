import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

// The WebSocket end of DingTalk's stream gateway, just enough of RFC 6455 for the SDK's `ws`
// client: a handshake that can be refused or accepted, text frames both ways, pings answered or
// ignored, connections dropped at will. (The HTTP half, which hands out the URL, is hard-coded
// in the SDK: tests replace `getEndpoint` to point here.)

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export class FakeDingTalkGateway {
  /** Upgrade requests seen, accepted or not. */
  handshakes = 0;
  /** Text frames the client sent (parsed JSON). */
  readonly received: Record<string, unknown>[] = [];
  private readonly sockets = new Set<Duplex>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** Whether to accept the n-th handshake (1-based). */
    public accept: (n: number) => boolean,
    public answerPings: boolean,
  ) {}

  static async start(opts: { accept?: (n: number) => boolean; answerPings?: boolean } = {}): Promise<FakeDingTalkGateway> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/connect`;
    const gateway = new FakeDingTalkGateway(server, url, opts.accept ?? (() => true), opts.answerPings ?? true);
    server.on('upgrade', (req, socket) => gateway.upgrade(req, socket));
    return gateway;
  }

  get open(): number {
    return this.sockets.size;
  }

  /** Sends a text frame (server frames are not masked) on every open connection. */
  push(text: string): void {
    for (const s of this.sockets) s.write(frame(0x1, Buffer.from(text, 'utf8')));
  }

  /** Drops every connection without a closing handshake, as a network failure does. */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private upgrade(req: IncomingMessage, socket: Duplex): void {
    this.handshakes += 1;
    if (!this.accept(this.handshakes)) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const acceptKey = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${acceptKey}\r\n\r\n`);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let f = readFrame(buffered); f; f = readFrame(buffered)) {
        buffered = buffered.subarray(f.size);
        if (f.opcode === 0x1) this.received.push(JSON.parse(f.payload.toString('utf8')) as Record<string, unknown>);
        else if (f.opcode === 0x9 && this.answerPings) socket.write(frame(0xa, f.payload));
        else if (f.opcode === 0x8) socket.end(frame(0x8, f.payload.subarray(0, 2)));
      }
    });
  }
}

function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff]);
  return Buffer.concat([head, payload]);
}

/** One client frame (always masked) from the front of `buf`, or null when it is not all there yet. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (buf.length < 2) return null;
  const opcode = buf[0]! & 0x0f;
  let len = buf[1]! & 0x7f;
  let offset = 2;
  if (len === 126) {
    if (buf.length < 4) return null;
    len = buf.readUInt16BE(2);
    offset = 4;
  } else if (len === 127) {
    if (buf.length < 10) return null;
    len = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const masked = (buf[1]! & 0x80) !== 0;
  const maskAt = offset;
  if (masked) offset += 4;
  if (buf.length < offset + len) return null;
  const payload = Buffer.from(buf.subarray(offset, offset + len));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= buf[maskAt + (i % 4)]!;
  return { opcode, payload, size: offset + len };
}
