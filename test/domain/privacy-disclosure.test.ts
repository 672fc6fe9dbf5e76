import { describe, expect, it } from 'vitest';
import type { CaseAccessFacts } from '../../src/domain/authorization.js';
import { ROLES, type Person } from '../../src/domain/model.js';
import { caseScope, inCaseScope, type ListChannel } from '../../src/domain/privacy/case-scope.js';
import { discloseCase, listPersonalData, OUTPUT_CHANNELS } from '../../src/domain/privacy/disclosure.js';
import { redactor } from '../../src/domain/privacy/redactor.js';
import { caseShapes, viewer as person } from '../support/case-shapes.js';

const facts = (over: Partial<CaseAccessFacts> = {}): CaseAccessFacts => ({
  ownerLeaderId: 'leader', responsiblePersonId: 'cadre', unitId: 'justice', territorialUnitId: null, functionalUnitId: null,
  accusedPersonId: null, accusedUnitId: null, classification: null, ...over,
});

const viewers: Person[] = [
  ...ROLES.map((r) => person([r])),
  person(['TOWN_LEADER', 'APPROVER']),
  person(['CADRE'], { unitId: null }),
  person(['OFFICE_STAFF'], { active: false }),
];
const LIST_CHANNELS: ListChannel[] = ['GROUP_CHAT', 'DIRECT_CHAT', 'CONSOLE_LIST', 'EXPORT', 'WEEKLY_SUMMARY'];

describe('R24/R26: one visibility policy for a case and for a list of cases', () => {
  it('R24: a list holds exactly the cases the policy would show one by one, for every role, case shape and channel', () => {
    let checked = 0;
    for (const viewer of viewers) {
      for (const channel of LIST_CHANNELS) {
        const scope = caseScope(viewer, channel);
        for (const c of caseShapes()) {
          const one = discloseCase(viewer, c, channel).visible;
          if (inCaseScope(scope, c) !== one) throw new Error(`${viewer.roles.join('+')} ${channel} ${JSON.stringify(c)}: list ${!one}, case ${one}`);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(250_000);
  });

  it('R24: the person or unit a petition names as accused never sees it, on any channel', () => {
    for (const channel of OUTPUT_CHANNELS.filter((ch) => ch !== 'LOG' && ch !== 'STORED_COPY')) {
      expect(discloseCase(person(['PRINCIPAL_LEADER']), facts({ accusedPersonId: 'me' }), channel).visible).toBe(false);
      expect(discloseCase(person(['OFFICE_STAFF']), facts({ accusedUnitId: 'my-unit' }), channel).visible).toBe(false);
    }
  });

  it('R24: a list row within the scope shows full data exactly when the case itself would, for every role and shape', () => {
    for (const viewer of viewers) {
      for (const full of [false, true]) {
        for (const c of caseShapes().filter((x) => inCaseScope(caseScope(viewer, 'EXPORT'), x))) {
          const one = discloseCase(viewer, c, 'EXPORT', { full });
          expect(one.visible && one.personalData).toBe(listPersonalData(viewer, 'EXPORT', { full }));
        }
      }
    }
  });

  it('R20/R24: a notification reaches whom the rules tell, except the accused, and an accusation only its readers', () => {
    const leaderInCharge = person(['TOWN_LEADER'], { unitId: null });
    expect(discloseCase(leaderInCharge, facts(), 'DIRECT_CHAT').visible).toBe(false);
    expect(discloseCase(leaderInCharge, facts(), 'NOTIFICATION')).toEqual({ visible: true, personalData: 'MASKED' });
    expect(discloseCase(leaderInCharge, facts({ classification: 'ACCUSATION' }), 'NOTIFICATION').visible).toBe(false);
    expect(discloseCase(person(['DISCIPLINE_INSPECTOR']), facts({ classification: 'ACCUSATION' }), 'NOTIFICATION').visible).toBe(true);
    expect(discloseCase(person(['UNIT_HEAD']), facts({ accusedUnitId: 'my-unit' }), 'NOTIFICATION').visible).toBe(false);
  });

  it('R26: an accusation is never shown in a group, not even to the office', () => {
    expect(discloseCase(person(['OFFICE_STAFF']), facts({ classification: 'ACCUSATION' }), 'GROUP_CHAT')).toEqual({ visible: false, reason: expect.stringContaining('不在群聊中显示') });
    expect(discloseCase(person(['OFFICE_STAFF']), facts({ accusedUnitId: 'police' }), 'GROUP_CHAT').visible).toBe(false);
    expect(discloseCase(person(['OFFICE_STAFF']), facts({ classification: 'ACCUSATION' }), 'DIRECT_CHAT').visible).toBe(true);
  });

  it('R24: full personal data only 1:1 or on the case page, when asked and allowed; never in a group, list, notification or report', () => {
    const office = person(['OFFICE_STAFF']);
    const full = (channel: (typeof OUTPUT_CHANNELS)[number], viewer = office, c = facts()) => {
      const d = discloseCase(viewer, c, channel, { full: true });
      return d.visible && d.personalData;
    };
    expect(full('DIRECT_CHAT')).toBe('FULL');
    expect(full('CONSOLE_PAGE')).toBe('FULL');
    expect(full('EXPORT')).toBe('FULL');
    for (const ch of ['GROUP_CHAT', 'NOTIFICATION', 'CONSOLE_LIST', 'REPORT_UP', 'WEEKLY_SUMMARY', 'STORED_COPY', 'LOG'] as const) expect(full(ch)).toBe('MASKED');
    expect(discloseCase(office, facts(), 'DIRECT_CHAT').visible && discloseCase(office, facts(), 'DIRECT_CHAT')).toEqual({ visible: true, personalData: 'MASKED' });
    // The owner leader may see full data of their case 1:1, but not export it; a unit head may not see it at all.
    const owner = person(['TOWN_LEADER'], { id: 'leader' });
    expect(full('DIRECT_CHAT', owner)).toBe('FULL');
    expect(full('EXPORT', owner)).toBe('MASKED');
    expect(full('DIRECT_CHAT', person(['UNIT_HEAD'], { unitId: 'justice' }))).toBe('MASKED');
  });

  it('R24: a redactor masks the petitioners and their traces in free text unless the disclosure is full', () => {
    const subjects = [{ name: '李雪莲', idNumber: '420101199001011234', phone: '13912345678', address: '青山村三组12号' }];
    expect(redactor('MASKED', subjects).text('李雪莲，13912345678')).toBe('李*莲，139****5678');
    expect(redactor('FULL', subjects).text('李雪莲，13912345678')).toBe('李雪莲，13912345678');
    expect(redactor('MASKED', subjects).petitioner({ ...subjects[0]!, isPrimary: true }).idNumber).toBe('4201**********1234');
    expect(redactor('MASKED', subjects).maybe(null)).toBeNull();
  });
});
