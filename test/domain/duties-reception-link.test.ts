import { describe, expect, it } from 'vitest';
import { receptionLinkFor, type ReceptionDayRef } from '../../src/domain/duties/reception-link.js';

// R14: which reception day a case received on a reception day belongs to, decided in the domain.

const day = (id: string, leaderId: string, leaderName: string, date = '2026-11-02'): ReceptionDayRef => ({ id, leaderId, leaderName, date });
const SUN = day('d-sun', 'sun', '孙副镇长');
const ZHOU = day('d-zhou', 'zhou', '周副书记');

describe('R14: the reception day of a 接访日 case', () => {
  it.each([
    ['the only day held on the receipt date', { daysOnDate: [SUN] }, { dayId: 'd-sun' }],
    ['the named leader\'s day among several', { daysOnDate: [ZHOU, SUN], leaderId: 'zhou' }, { dayId: 'd-zhou' }],
    ['a named leader with no day that date: the day is recorded for them', { daysOnDate: [SUN], leaderId: 'zhou' }, { recordFor: 'zhou' }],
    ['no day at all, a leader named: recorded', { daysOnDate: [], leaderId: 'sun' }, { recordFor: 'sun' }],
    ['the day the intake chose, on the receipt date', { chosenDay: SUN }, { dayId: 'd-sun' }],
  ] as const)('%s', (_name, over, expected) => {
    expect(receptionLinkFor({ source: 'RECEPTION_DAY', receivedOn: '2026-11-02', chosenDay: null, leaderId: null, daysOnDate: [], ...over })).toEqual(expected);
  });

  it.each([
    ['several leaders and none named', { daysOnDate: [SUN, ZHOU] }, '输入有误：2026-11-02有2位领导接访（孙副镇长、周副书记），请选择接访领导'],
    ['no day on the date and no leader named', { daysOnDate: [] }, '输入有误：2026-11-02没有安排领导接访日。若当天确有领导接访，请在「接访领导」中选择该领导，将补录当天的接访日；否则请改选其他信访来源'],
    ['a chosen day of another date', { chosenDay: day('d-old', 'sun', '孙副镇长', '2026-10-30') }, '输入有误：所选接访日是2026-10-30（孙副镇长），与收件日期2026-11-02不一致'],
    ['a chosen day of another leader than the one named', { chosenDay: SUN, leaderId: 'zhou' }, '输入有误：所选接访日的接访领导是孙副镇长，与所填接访领导不一致'],
  ] as const)('refuses %s in Chinese', (_name, over, message) => {
    expect(() => receptionLinkFor({ source: 'RECEPTION_DAY', receivedOn: '2026-11-02', chosenDay: null, leaderId: null, daysOnDate: [], ...over })).toThrow(message);
  });

  it('a case of another source links to no day, and may not name one', () => {
    expect(receptionLinkFor({ source: 'VISIT', receivedOn: '2026-11-02', chosenDay: null, leaderId: null, daysOnDate: [SUN] })).toBeNull();
    expect(() => receptionLinkFor({ source: 'VISIT', receivedOn: '2026-11-02', chosenDay: SUN, leaderId: null, daysOnDate: [] })).toThrow('只有来源为「接访日」的信访事项才关联接访日');
  });
});
