import type { Deps } from '../../usecases/ports.js';
import type { HandlerContext } from '../handler.js';

/**
 * Use-case deps for reading only: transactions that do not claim the event. A message was
 * claimed on arrival, so a read through the claiming deps would find it taken.
 */
export function readOnlyDeps(ctx: HandlerContext): Deps {
  return { ...ctx.deps, uow: { run: (fn) => ctx.lookup(fn), read: (fn) => ctx.lookup(fn) } };
}
