import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discloseCase } from '../../src/domain/privacy/disclosure.js';
import type { CaseRecord, Person } from '../../src/domain/model.js';
import { toCase } from '../../src/db/repos/mappers.js';
import { addProgress } from '../../src/usecases/cases/add-progress.js';
import { assignCase } from '../../src/usecases/cases/assign-case.js';
import { requestExtension } from '../../src/usecases/cases/request-extension.js';
import { raiseMajorEvent } from '../../src/usecases/escalation/raise-major-event.js';
import { reportAbnormalPetition } from '../../src/usecases/escalation/report-abnormal-petition.js';
import { intakeCase } from '../../src/usecases/intake-case.js';
import { approveOwnership } from '../../src/usecases/ownership/decide-ownership.js';
import { proposeOwnership } from '../../src/usecases/ownership/propose-ownership.js';
import { classifyCase } from '../../src/usecases/review/classify-case.js';
import { startConsole, type ConsoleHarness } from '../support/console.js';
import { captureLogger } from '../support/capture-logger.js';
import { createNotifier } from '../../src/bot/create-bot.js';
import type { Notification } from '../../src/domain/notifications.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ownershipTerms } from '../support/flows.js';
import { startLarkHarness, type LarkHarness } from '../support/lark-harness.js';
import { buildTownship, intakeForm, type Township } from '../support/township.js';

// R24/R26, end to end: a petitioner's name, ID number, phone and house are planted in every free
// text a case has; then every person of the township uses every list, card and page in a group,
// 1:1 and in the console, and the only places any of it shows are the audited full views to
// those allowed. An accusation naming a principal leader and a village committee appears nowhere
// for them, nor in any group.

const GROUP = 'oc_chat0000000000000000000000000';
const PETITIONER = { name: '李雪莲', idNumber: '420101199001011002', phone: '13912345678', address: '青山镇青山村三组12号' };
const ACCUSER = { name: '高立新', idNumber: null, phone: '13700001111', address: null };
/** Every trace of them that must not show where personal data is masked. */
const TRACES = ['李雪莲', '雪莲', '高立新', '立新', '420101199001011002', '19900101', '13912345678', '13700001111', '三组12号'];
const tracesIn = (text: string) => TRACES.filter((x) => text.includes(x));
const FULL_NOTE = '含信访人完整个人信息';

interface Output { where: 'group' | 'p2p'; to: string | null; content: string }

describe('R24/R26 privacy: planted personal data and a confidential case, through every output', () => {
  let t: TestDatabase;
  let town: Township;
  let h: LarkHarness;
  let c: ConsoleHarness;
  let people: Person[];
  let k: CaseRecord;
  let x: CaseRecord;
  const outputs: Output[] = [];

  /** What one interaction produced: its replies land where it was made, sends where they were sent. */
  async function collect(where: 'group' | 'p2p', act: () => Promise<unknown>): Promise<void> {
    const before = h.fake.messages.length;
    await act();
    for (const m of h.fake.messages.slice(before)) {
      if (m.msg_type !== 'interactive' && m.msg_type !== 'text') continue;
      const sentTo = m.kind === 'reply' ? where : m.receive_id_type === 'chat_id' ? 'group' : 'p2p';
      outputs.push({ where: sentTo, to: m.receive_id_type === 'chat_id' ? null : m.receive_id, content: m.content });
    }
  }

  beforeAll(async () => {
    t = await freshDatabase('postgres');
    town = await buildTownship(t.db, '2026-11-02T09:00:00+08:00');
    const p = town.people;
    people = Object.values(p);
    h = await startLarkHarness(t, town, people, { sleepMovesClock: true });
    c = await startConsole(t, town);
    const office = town.actor(p.office);
    const traced = `李雪莲（身份证420101199001011002，电话13912345678，住三组12号）与高立新`;

    // The use cases' notifications go out through the bot's own notifier, as the web role sends them.
    const notifier = createNotifier({ deps: town.deps, messengers: new Map([['LARK', h.lark.messenger]]), logger: captureLogger().logger });
    const told = async <T extends { notifications: Notification[] }>(r: Promise<T>): Promise<T> => {
      const done = await r;
      await notifier.deliver(done.notifications);
      return done;
    };
    await collect('p2p', async () => {
      // The ordinary case: every free text carries the planted data.
      k = (await told(intakeCase(town.deps, office, intakeForm({
        title: `李雪莲反映宅基地被占 13912345678`, content: `${traced}共同反映宅基地被邻居占用，要求测量确权。`, headcount: 12, villageId: town.villages.a,
        petitioners: [PETITIONER, ACCUSER],
      })))).case;
      const { proposal } = await told(proposeOwnership(town.deps, office, ownershipTerms(town, k.id, { requirements: `约谈${traced}，核实诉求` })));
      await told(approveOwnership(town.deps, town.actor(p.approver), { proposalId: proposal.id }));
      await addProgress(town.deps, town.actor(p.cadre), { caseId: k.id, tag: 'INVESTIGATION', content: `已约谈${traced}` });
      await told(requestExtension(town.deps, town.actor(p.cadre), { caseId: k.id, reason: `${traced}要求第三方鉴定`, requestedDueOn: '2026-12-21' }));
      await told(reportAbnormalPetition(town.deps, office, { caseId: k.id, destination: 'PROVINCE', occurredOn: '2026-11-02', detail: `${traced}赴省上访` }));
      await told(raiseMajorEvent(town.deps, office, { villageId: town.villages.a, eventKind: 'MASS_INCIDENT', detail: `${traced}等人聚集`, caseId: k.id }));

      // The accusation: it names a principal leader and the village committee.
      x = (await told(intakeCase(town.deps, office, intakeForm({ title: '检举村委会侵占集体资金', content: `检举人高立新（13700001111）反映钱镇长与村委会侵占集体资金。`, petitioners: [ACCUSER] })))).case;
      await told(classifyCase(town.deps, office, { caseId: x.id, classification: 'ACCUSATION', accusedPersonId: p.mayor.id, accusedUnitId: town.units.villageA }));
      await told(assignCase(town.deps, office, { caseId: x.id, unitId: town.units.discipline, responsiblePersonId: p.discipline.id }));
      await h.settle();
    });
    // What the notifications were: cards about both cases reached their recipients.
    expect(outputs.filter((o) => o.content.includes(k.number)).length).toBeGreaterThan(10);
    expect(outputs.filter((o) => o.content.includes(x.number)).length).toBeGreaterThan(0);

    for (const person of people) {
      for (const text of ['我的', '逾期', '待办', `案件 ${k.number}`, `案件 ${x.number}`]) {
        await collect('group', () => h.say(person, text, { chatType: 'group' }));
        await collect('p2p', () => h.say(person, text, { chatType: 'p2p' }));
      }
      for (const id of [k.id, x.id]) {
        await collect('group', () => h.click(person, { a: 'case.view', caseId: id }, { chatId: GROUP }));
        await collect('group', () => h.click(person, { a: 'case.view-full', caseId: id }, { chatId: GROUP }));
      }
      for (const list of ['mine', 'overdue', 'todo']) await collect('group', () => h.click(person, { a: 'list.refresh', list }, { chatId: GROUP }));
    }
  }, 600_000);
  afterAll(async () => {
    await c?.close();
    await h?.close();
    await t?.drop();
  });

  const mayFull = async (person: Person, caseId: string) => {
    const rec = toCase(await t.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } }));
    const d = discloseCase(person, rec, 'DIRECT_CHAT', { full: true });
    return d.visible && d.personalData === 'FULL';
  };
  const openIdOf = (person: Person) => h.ids(person).open_id;

  it('R24: nothing in a group chat carries a petitioner\'s name, ID number, phone or house, and no confidential case shows there', () => {
    const group = outputs.filter((o) => o.where === 'group');
    expect(group.length).toBeGreaterThan(50);
    for (const o of group) {
      expect(tracesIn(o.content), o.content.slice(0, 200)).toEqual([]);
      expect(o.content).not.toContain(x.number);
    }
  });

  it('R24: 1:1 cards are masked too, except the full view asked for by someone allowed it — which does show the data (and only to them)', async () => {
    let fullViews = 0;
    for (const o of outputs.filter((x) => x.where === 'p2p')) {
      if (o.content.includes(FULL_NOTE)) {
        const viewer = people.find((p) => openIdOf(p) === o.to)!;
        expect(await mayFull(viewer, o.content.includes(x.number) ? x.id : k.id), `full view to ${viewer.name}`).toBe(true);
        expect(tracesIn(o.content).length).toBeGreaterThan(0);
        fullViews += 1;
        continue;
      }
      expect(tracesIn(o.content), o.content.slice(0, 200)).toEqual([]);
    }
    // The office, the owner and the responsible person each asked once per case they may see.
    expect(fullViews).toBeGreaterThanOrEqual(3);
  });

  it('R24/R26: the accusation reaches nobody who may not see it — not the principal leader it names, not the village committee, not approvers', async () => {
    const rec = toCase(await t.db.prisma.case.findUniqueOrThrow({ where: { id: x.id } }));
    const hiddenFrom = people.filter((p) => !discloseCase(p, rec, 'DIRECT_CHAT').visible);
    expect(hiddenFrom.map((p) => p.name)).toEqual(expect.arrayContaining([town.people.mayor.name, town.people.villageCadre.name, town.people.collector.name, town.people.approver.name]));
    for (const p of hiddenFrom) {
      const theirs = outputs.filter((o) => o.where === 'p2p' && o.to === openIdOf(p));
      expect(theirs.length, p.name).toBeGreaterThan(0);
      for (const o of theirs) expect(o.content, p.name).not.toContain(x.number);
    }
  });

  it('R24: logs and the stored copies of sent messages carry no personal data (full views aside, which the retention drops)', async () => {
    for (const line of [...h.logLines, ...c.logLines]) expect(tracesIn(JSON.stringify(line))).toEqual([]);
    const copies = await t.db.prisma.outboundMessage.findMany();
    expect(copies.length).toBeGreaterThan(50);
    for (const m of copies) {
      const text = JSON.stringify(m.payload ?? '');
      if (!text.includes(FULL_NOTE)) expect(tracesIn(text), text.slice(0, 200)).toEqual([]);
    }
  });

  /** The text of every cell of every sheet of a workbook. */
  async function xlsxText(res: Response): Promise<string> {
    if (res.status !== 200) return `${res.status} ${await res.text()}`;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
    return cells.join('|');
  }

  it('R24/R26: the console\'s ledger, case pages and exports are masked for every reader, and hide the accusation from those it must not reach', async () => {
    const p = town.people;
    for (const reader of [p.office, p.secretary, p.mayor, p.approver]) {
      const { cookie } = await c.login(reader);
      const rec = toCase(await t.db.prisma.case.findUniqueOrThrow({ where: { id: x.id } }));
      const seesX = discloseCase(reader, rec, 'CONSOLE_LIST').visible;
      const texts = {
        ledger: await (await c.get('/console/ledger', cookie)).text(),
        // The search box shows back what the reader typed: that is theirs, the results are what count.
        search: (await (await c.get(`/console/ledger?q=${encodeURIComponent('李雪莲')}`, cookie)).text()).replaceAll('value="李雪莲"', '').replaceAll('关键词：李雪莲', ''),
        page: await (await c.get(`/console/cases/${k.id}`, cookie)).text(),
        xlsx: await xlsxText(await c.get('/console/ledger.xlsx', cookie)),
        quarterly: await xlsxText(await c.get('/console/exports/quarterly.xlsx?quarter=2026Q4', cookie)),
        assessment: await xlsxText(await c.get('/console/exports/assessment.xlsx?year=2026', cookie)),
      };
      for (const [what, text] of Object.entries(texts)) {
        expect(tracesIn(text), `${reader.name} ${what}`).toEqual([]);
        if (!seesX) expect(text, `${reader.name} ${what}`).not.toContain(x.number);
      }
      expect(texts.ledger.includes(x.number), reader.name).toBe(seesX);
      // Only the office finds a case by its petitioner's name; the others cannot learn whom a masked title names.
      expect(texts.search.includes(k.number), reader.name).toBe(reader === p.office);
      expect((await c.get(`/console/cases/${x.id}`, cookie)).status, reader.name).toBe(seesX ? 200 : 403);
    }
    // The office may export the full ledger after its confirmation, audited: the data is there, as asked.
    const { cookie, csrf } = await c.login(p.office);
    const confirm = await (await c.get('/console/ledger/full-export', cookie)).text();
    const full = await c.post('/console/ledger/full-export', { _csrf: csrf(confirm), confirm: '1' }, cookie);
    expect(tracesIn(await xlsxText(full))).toEqual(expect.arrayContaining(['李雪莲', '高立新', '13912345678']));
  });
});
