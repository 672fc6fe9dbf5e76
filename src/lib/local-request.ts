/** What tells a request of a browser on this machine from any other. */
export interface RequestSource {
  /** The socket's own remote address: never a header a proxy or a client could set. */
  remoteAddress: string | undefined;
  /** A request header by its lower-case name; '' when absent. */
  header(name: string): string;
}

/** Why a request is not a local browser's: another address, a proxy's, or a name that is not this machine's. */
export type NotLocal = 'ADDRESS' | 'PROXIED' | 'HOST';

// Names a browser on this machine uses for it. Anything else reaching a loopback socket is a
// web page that re-pointed its own name at 127.0.0.1 (DNS rebinding) or a proxy passing on.
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** A reverse proxy on the same machine connects from loopback on behalf of anyone. */
const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host', 'x-forwarded-proto'];

/** Null for a browser on this machine, else why not: what the demo's act-as-anyone doors (sandbox, console picker) ask. */
export function notLocal(r: RequestSource): NotLocal | null {
  if (!LOOPBACK_ADDRESSES.has(r.remoteAddress ?? '')) return 'ADDRESS';
  if (PROXY_HEADERS.some((h) => r.header(h) !== '')) return 'PROXIED';
  if (!LOOPBACK_HOST.test(r.header('host'))) return 'HOST';
  return null;
}

/** A Koa context (structurally) as a request source: the socket's address, not ctx.ip, which may believe a proxy. */
export function requestSource(ctx: { req: { socket: { remoteAddress?: string | undefined } }; get(name: string): string }): RequestSource {
  return { remoteAddress: ctx.req.socket.remoteAddress, header: (name) => ctx.get(name) };
}
