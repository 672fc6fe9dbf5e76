import type { Context } from 'koa';
import { notLocal, requestSource } from '../lib/local-request.js';

/** The sandbox as the rest of the site sees it, when it is on: does it answer this machine's browsers only (SANDBOX=auto)? */
export interface SandboxAccess {
  loopbackOnly: boolean;
}

/** Whether the sandbox would answer this request by its own rules; never when it is off. */
export function sandboxAnswers(ctx: Context, sandbox: SandboxAccess | undefined): boolean {
  return sandbox !== undefined && (!sandbox.loopbackOnly || notLocal(requestSource(ctx)) === null);
}
