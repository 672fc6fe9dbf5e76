import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../../src/domain/errors.js';
import { labelledEnum } from '../../src/lib/choice-labels.js';
import { parseInput } from '../../src/usecases/support/parse-input.js';

/** The message a refused input gets. */
function refusal(schema: z.ZodType, input: unknown, labels?: Record<string, string>): string {
  try {
    parseInput(schema, input, labels);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'VALIDATION' });
    return (e as DomainError).message;
  }
  throw new Error('input was accepted');
}

describe('input errors in plain Chinese (the error map of parseInput)', () => {
  it('a number is refused with its range, whatever was wrong with it', () => {
    const days = z.object({ handlingDays: z.number().int().min(1).max(365) });
    for (const bad of [0, 366, 1.5, Number.NaN, undefined, '7']) expect(refusal(days, { handlingDays: bad }), String(bad)).toBe('输入有误：办理时限：应为 1 到 365 之间的整数');
    expect(refusal(z.object({ points: z.number().min(-100).max(0) }), { points: 3 })).toBe('输入有误：分值：应为 -100 到 0 之间的数字');
    expect(refusal(z.object({ year: z.number().int().positive() }), { year: 0 })).toBe('输入有误：考核年度：应为不小于 1 的整数');
    expect(refusal(z.object({ points: z.number().gt(0) }), { points: 0 })).toBe('输入有误：分值：应大于 0');
    expect(refusal(z.object({ headcount: z.number().int() }), { headcount: 2.5 })).toBe('输入有误：人数：应为整数');
  });

  it('a choice is refused by the names of its values, never their codes; nothing chosen is 请选择', () => {
    const form = z.object({ counting: labelledEnum(['CIVIL_CODE', 'INCLUSIVE'], { CIVIL_CODE: '民法典计日', INCLUSIVE: '起算日计为第1天' }) });
    expect(refusal(form, { counting: 'X' })).toBe('输入有误：计日方式：应为以下之一：「民法典计日」、「起算日计为第1天」');
    expect(refusal(form, { counting: '' })).toBe('输入有误：计日方式：请选择');
    expect(refusal(z.object({ kind: z.enum(['A', 'B']) }), { kind: 'C' })).toBe('输入有误：类型：不在可选范围内，请从列表中选择');
    expect(refusal(z.object({ active: z.boolean() }), {})).toBe('输入有误：状态：请选择');
  });

  it('text, lists, formats and stray fields are said in Chinese; a field is named once, by the form\'s own name where given', () => {
    const named = z.object({ name: z.string().trim().min(1).max(4) });
    expect(refusal(named, { name: ' ' })).toBe('输入有误：姓名：不能为空');
    expect(refusal(named, { name: '青山镇司法所' }, { name: '单位名称' })).toBe('输入有误：单位名称：不能超过4个字');
    expect(refusal(named, {})).toBe('输入有误：姓名：请填写');
    expect(refusal(z.object({ roles: z.array(z.string()).min(1) }), { roles: [] })).toBe('输入有误：角色：请至少选择一项');
    expect(refusal(z.object({ email: z.email() }), { email: 'a@' })).toBe('输入有误：邮箱格式不正确');
    expect(refusal(z.object({ caseId: z.uuid() }), { caseId: 'x' })).toBe('输入有误：案件：编号格式不正确');
    expect(refusal(z.object({}).strict(), { townName: 'x' })).toBe('输入有误：表单中有不应填写的项：乡镇名称');
    // A schema's own message still wins, and the field is not named twice.
    expect(refusal(z.object({ townName: z.string().min(2, { error: '乡镇名称至少 2 个字' }) }), { townName: '镇' })).toBe('输入有误：乡镇名称至少 2 个字');
    expect(refusal(z.object({ petitioners: z.array(z.object({ phone: z.string().min(5) })) }), { petitioners: [{ phone: '1' }] })).toBe('输入有误：信访人·第1项·电话：至少5个字');
  });
});
