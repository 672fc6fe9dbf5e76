import type Router from '@koa/router';
import Koa from 'koa';
import { afterAll, beforeAll } from 'vitest';
import type { DoctorCheck } from '../../src/platforms/doctor-check.js';
import { serve } from './http-server.js';

/** The one check whose name contains `part` (throws listing the names when there is none). */
export function checkNamed(checks: DoctorCheck[], part: string): DoctorCheck {
  const found = checks.find((c) => c.name.includes(part));
  if (!found) throw new Error(`no check named …${part}… in ${checks.map((c) => c.name).join(' | ')}`);
  return found;
}

/** An app's platform routes served on a free local port: the address a doctor check is pointed at (PUBLIC_URL). */
export function serveRoutes(router: Router): Promise<{ base: string; close(): Promise<void> }> {
  const app = new Koa();
  app.use(router.routes()).use(router.allowedMethods());
  return serve(app);
}

/** Runs `body` against another app serving `router`, closed afterwards. */
export async function withOtherApp(router: Router, body: (base: string) => Promise<void>): Promise<void> {
  const other = await serveRoutes(router);
  try {
    await body(other.base);
  } finally {
    await other.close();
  }
}

/** For a describe block: the app's routes served while it runs; `served.base` is their address. */
export function useServedRoutes(routes: () => Router): { base: string } {
  const served = { base: '' };
  let app: Awaited<ReturnType<typeof serveRoutes>> | undefined;
  beforeAll(async () => {
    app = await serveRoutes(routes());
    served.base = app.base;
  });
  afterAll(() => app?.close());
  return served;
}
