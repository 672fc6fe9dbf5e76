import type { PrismaClient } from '../generated/prisma/client.js';
import type { ReadModel } from '../bot/ports.js';
import { myOpenCases } from './queries/my-open-cases.js';
import { officeStatistics } from './queries/office-statistics.js';
import { overdueCases } from './queries/overdue-cases.js';

/** The bot's read side on the database. */
export function prismaReadModel(prisma: PrismaClient): ReadModel {
  return {
    myOpenCases: (viewer, today, scope) => myOpenCases(prisma, viewer, { today, limit: 30, scope }),
    overdueCases: (today, scope) => overdueCases(prisma, today, { limit: 30, scope }),
    statistics: (year, today) => officeStatistics(prisma, { year, today }),
  };
}
