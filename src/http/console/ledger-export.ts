import type { Context } from 'koa';
import { listPersonalData } from '../../domain/privacy/disclosure.js';
import { LEDGER_EXPORT_MAX, ledgerCases, type LedgerFilter } from '../../db/queries/ledger.js';
import { ledgerXlsx } from '../../export/ledger-xlsx.js';
import { localDateOf } from '../../lib/local-date.js';
import { recordLedgerExport } from '../../usecases/cases/record-ledger-export.js';
import { state, type ConsoleDeps } from './context.js';
import { auditPetitionerSearch, directoryNames, ledgerAccess, shownRow } from './ledger-access.js';
import { ledgerFilterText } from './ledger-filter.js';

/**
 * The filtered ledger as the office prints it, audited either way (R25); `full` (office only,
 * after its confirmation) keeps petitioners' data unmasked (R24). A search that found cases through
 * petitioners is audited as such, and its term is masked wherever the file or the log writes it.
 */
export async function sendLedger(ctx: Context, c: ConsoleDeps, f: LedgerFilter, full: boolean): Promise<void> {
  const today = localDateOf(c.deps.clock.now());
  const viewer = state(ctx).viewer;
  const access = ledgerAccess(viewer, 'EXPORT');
  const { total, rows } = await ledgerCases(c.prisma, f, { limit: LEDGER_EXPORT_MAX, offset: 0 }, access);
  const names = await directoryNames(c);
  const { written } = await auditPetitionerSearch(c, viewer, f, access, 'EXPORT');
  await recordLedgerExport(c.deps, { person: viewer, channel: 'CONSOLE' }, { filterText: ledgerFilterText(written, names), count: rows.length, full });
  const personalData = listPersonalData(viewer, 'EXPORT', { full });
  const filterText = ledgerFilterText(personalData === 'FULL' ? f : written, names);
  const body = await ledgerXlsx(rows.map((r) => shownRow(r, personalData)), { townName: state(ctx).townName, filterText, total, madeOn: today, madeBy: viewer.name });
  ctx.attachment(`信访台账${full ? '（含完整信息）' : ''}-${today}.xlsx`);
  ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  ctx.body = body;
}
