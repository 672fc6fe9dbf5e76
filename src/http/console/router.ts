import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Router from '@koa/router';
import { isDomainError } from '../../domain/errors.js';
import { consoleAuth } from './auth.js';
import type { ConsoleDeps } from './context.js';
import { html } from './html.js';
import { bare } from './layout.js';
import { caseCorrectionRoutes } from './pages/case-correction.js';
import { caseDetailRoutes } from './pages/case-detail.js';
import { figuresRoutes } from './pages/figures.js';
import { ledgerRoutes } from './pages/ledger.js';
import { accountabilityRoutes } from './pages/accountability.js';
import { ledgerFullExportRoutes } from './pages/ledger-full-export.js';
import { exportRoutes } from './pages/exports.js';
import { loginRoutes } from './pages/login.js';
import { adminIndexRoutes } from './pages/admin-index.js';
import { adminPeopleRoutes } from './pages/admin-people.js';
import { adminUnitsRoutes } from './pages/admin-units.js';
import { adminCalendarRoutes } from './pages/admin-calendar.js';
import { adminKeywordsRoutes } from './pages/admin-keywords.js';
import { adminAssessmentRoutes } from './pages/admin-assessment.js';
import { adminSettingsRoutes } from './pages/admin-settings.js';

/** The office console (信访办工作台): server-rendered pages under /console, Chinese UI. */
export function consoleRouter(c: ConsoleDeps): Router {
  const router = new Router();
  router.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/console')) return next();
    try {
      await next();
    } catch (err) {
      if (!isDomainError(err)) throw err;
      ctx.status = err.code === 'NOT_FOUND' ? 404 : err.code === 'FORBIDDEN' ? 403 : 400;
      ctx.body = bare('操作未完成', html`<p>${err.message}</p><p><a href="/console">返回工作台</a></p>`).toString();
    }
  });
  router.use(consoleAuth(c));
  router.get('/console/assets/console.css', async (ctx) => {
    ctx.type = 'text/css; charset=utf-8';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = await readFile(join(c.publicDir, 'console.css'), 'utf8');
  });
  router.get('/console', (ctx) => ctx.redirect('/console/ledger'));
  loginRoutes(router, c);
  caseDetailRoutes(router, c);
  caseCorrectionRoutes(router, c);
  figuresRoutes(router, c);
  ledgerRoutes(router, c);
  ledgerFullExportRoutes(router, c);
  exportRoutes(router, c);
  accountabilityRoutes(router, c);
  adminIndexRoutes(router, c);
  adminPeopleRoutes(router, c);
  adminUnitsRoutes(router, c);
  adminCalendarRoutes(router, c);
  adminKeywordsRoutes(router, c);
  adminAssessmentRoutes(router, c);
  adminSettingsRoutes(router, c);
  return router;
}
