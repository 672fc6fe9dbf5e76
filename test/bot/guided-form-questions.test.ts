import { describe, expect, it } from 'vitest';
import type { FormInput } from '../../cards/model.js';
import { answerOf, defaultsFrom, mayFinishFrom, questionOf } from '../../src/bot/guided-form/questions.js';

const source: FormInput = { kind: 'select', name: 'source', label: '信访来源', required: true, options: [{ value: 'VISIT', label: '来访' }, { value: 'LETTER', label: '来信' }] };
const tags: FormInput = { kind: 'multiselect', name: 'tags', label: '类别', required: false, options: [{ value: 'A', label: '甲' }, { value: 'B', label: '乙' }] };
const due: FormInput = { kind: 'date', name: 'deadline', label: '办结时限', required: true };
const title: FormInput = { kind: 'text', name: 'title', label: '标题', required: true, maxLength: 5 };
const phone: FormInput = { kind: 'text', name: 'phone', label: '联系电话', required: false };
const sudden: FormInput = { kind: 'checkbox', name: 'sudden', label: '突发性事件' };

describe('guided forms: one question at a time where cards cannot hold inputs (DingTalk)', () => {
  it('asks each kind of input the way it can be answered in chat', () => {
    expect(questionOf(source, 2, 17)).toBe('（3/17）信访来源（必填）：请回复序号\n1. 来访\n2. 来信');
    expect(questionOf(phone, 0, 2)).toContain('可回复「跳过」');
    expect(questionOf(due, 0, 1)).toContain('如 2026-12-01');
    expect(questionOf(sudden, 0, 1)).toContain('请回复「是」或「否」');
  });

  it('takes an option by number or by its name; anything else is asked again with the reason', () => {
    expect(answerOf(source, '2')).toEqual({ ok: true, value: 'LETTER' });
    expect(answerOf(source, '来访')).toEqual({ ok: true, value: 'VISIT' });
    expect(answerOf(source, '9')).toEqual({ ok: false, error: '请回复 1 到 2 之间的序号' });
    expect(answerOf(tags, '1，2 1')).toEqual({ ok: true, value: ['A', 'B'] });
  });

  it('checks dates, lengths and yes/no; a required question cannot be skipped, an optional one can', () => {
    expect(answerOf(due, '2026-12-01')).toEqual({ ok: true, value: '2026-12-01' });
    expect(answerOf(due, '12月1日')).toEqual({ ok: false, error: '日期格式应为 2026-12-01' });
    expect(answerOf(title, '太长的标题文字')).toEqual({ ok: false, error: '「标题」不能超过 5 字' });
    expect(answerOf(title, '跳过')).toEqual({ ok: false, error: '「标题」必须填写' });
    expect(answerOf(phone, '跳过')).toEqual({ ok: true, value: null });
    expect(answerOf(sudden, '是')).toEqual({ ok: true, value: true });
    expect(answerOf(sudden, '否')).toEqual({ ok: true, value: false });
    expect(answerOf(sudden, '也许')).toEqual({ ok: false, error: '请回复「是」或「否」' });
  });

  it('offers what the form card would have shown filled in: 「跳过」 keeps it, even for a required question', () => {
    const cadence: FormInput = { kind: 'select', name: 'reportingCadence', label: '报送方式', required: true, options: [{ value: 'WEEKLY', label: '每周' }, { value: 'MONTHLY', label: '每月' }], initial: 'WEEKLY' };
    const receivedOn: FormInput = { kind: 'date', name: 'receivedOn', label: '收件日期', required: true, initial: '2026-11-24' };
    const at: FormInput = { kind: 'datetime', name: 'doneAt', label: '劝返时间', required: true, initial: '2026-11-24 09:30' };
    expect(questionOf(cadence, 0, 3)).toBe('（1/3）报送方式（现为「每周」，回复「跳过」沿用）：请回复序号\n1. 每周\n2. 每月');
    expect(questionOf(receivedOn, 1, 3)).toContain('现为「2026-11-24」');
    expect(answerOf(cadence, '跳过')).toEqual({ ok: true, value: 'WEEKLY' });
    expect(answerOf(cadence, '2')).toEqual({ ok: true, value: 'MONTHLY' });
    expect(answerOf(receivedOn, '跳过')).toEqual({ ok: true, value: '2026-11-24' });
    expect(answerOf(at, '跳过')).toEqual({ ok: true, value: '2026-11-24T09:30' });
  });

  it('「完成」 may end a form once every question left is optional or keeps what the card showed; those keep their defaults', () => {
    const inputs: FormInput[] = [
      title,
      { kind: 'select', name: 'source', label: '信访来源', required: true, options: [{ value: 'VISIT', label: '来访' }], initial: 'VISIT' },
      phone,
      sudden,
      { kind: 'datetime', name: 'at', label: '时间', required: false, initial: '2026-11-24 09:30' },
    ];
    expect(mayFinishFrom(inputs, 0)).toBe(false);
    expect(mayFinishFrom(inputs, 1)).toBe(true);
    expect(defaultsFrom(inputs, 1)).toEqual({ source: 'VISIT', at: '2026-11-24T09:30' });
    expect(defaultsFrom(inputs, 2)).toEqual({ at: '2026-11-24T09:30' });
  });
});
