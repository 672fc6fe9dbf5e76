import type { Prisma } from '../../generated/prisma/client.js';

/** The Prisma client of one interactive transaction. */
export type Tx = Prisma.TransactionClient;
