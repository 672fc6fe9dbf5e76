/** What came back from one HTTP call: the status, the parsed JSON body (or the text), and the headers. */
export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

/** One HTTP call with a JSON body; rejects only when no answer came (network, timeout). */
export type FetchJson = (url: string, init: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; headers?: Record<string, string>; body?: unknown }) => Promise<JsonResponse>;

const TIMEOUT_MS = 15_000;

export const fetchJson: FetchJson = async (url, init) => {
  const res = await fetch(url, {
    method: init.method,
    headers: { ...(init.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...init.headers },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Kept as text: a gateway's HTML error page still says something in the log.
  }
  return { status: res.status, body, headers: res.headers };
};

/** A base URL as configured, without the trailing slash a path would double. */
export const baseUrl = (url: string) => url.replace(/\/+$/, '');
