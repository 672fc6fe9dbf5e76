import { CASE_SOURCES, CLASSIFICATIONS, COMPLEXITIES } from '../../src/domain/model.js';
import { CLASSIFICATION_LABELS } from '../../src/domain/review/classification.js';
import type { LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import { CASE_SOURCE_LABELS, COMPLEXITY_LABELS } from '../labels.js';
import type { Card } from '../model.js';
import { choicesOf, namedChoices, type NamedRef } from './common.js';

export interface IntakeFormInput {
  villages: readonly NamedRef[];
  /** R14: the town's leaders, one of whom received a 接访日 case. */
  leaders?: readonly NamedRef[];
  today: LocalDate;
}

/** 登记: a new petition; ownership need (R1) and dangerous content (R20) are checked on submit. */
export function intakeFormCard(input: IntakeFormInput): Card {
  return {
    title: '登记信访事项',
    subtitle: '提交后自动编号、计算办结时限',
    colour: 'blue',
    elements: [
      { kind: 'note', text: '带 * 的为必填。信访人身份证号和电话只对信访办和承办人员显示。来源为接访日的，自动关联收件当天的接访日；当天有多位领导接访或未安排接访日时，请选接访领导（信访办可据此补录接访日）。' },
      {
        kind: 'form',
        name: 'intake_form',
        inputs: [
          { kind: 'text', name: 'title', label: '标题', required: true, maxLength: 100, placeholder: '一句话概括反映的问题' },
          { kind: 'text', name: 'content', label: '反映内容', required: true, multiline: true, maxLength: 1000 },
          { kind: 'select', name: 'source', label: '信访来源', required: true, options: choicesOf(CASE_SOURCE_LABELS, CASE_SOURCES), initial: 'VISIT' },
          { kind: 'date', name: 'receivedOn', label: '收件日期', required: false, initial: input.today },
          { kind: 'select', name: 'complexity', label: '难易程度', required: false, options: choicesOf(COMPLEXITY_LABELS, COMPLEXITIES), initial: 'GENERAL' },
          { kind: 'select', name: 'classification', label: '性质分类', required: false, options: choicesOf(CLASSIFICATION_LABELS, CLASSIFICATIONS) },
          { kind: 'select', name: 'villageId', label: '所属村（社区）', required: false, options: namedChoices(input.villages) },
          { kind: 'text', name: 'petitionerName', label: '信访人姓名', required: true, maxLength: 30 },
          { kind: 'text', name: 'petitionerPhone', label: '联系电话', required: false, maxLength: 20 },
          { kind: 'text', name: 'petitionerIdNumber', label: '身份证号', required: false, maxLength: 18 },
          { kind: 'text', name: 'petitionerAddress', label: '住址', required: false, maxLength: 200 },
          { kind: 'text', name: 'otherPetitioners', label: '其他信访人', required: false, multiline: true, maxLength: 1000, placeholder: '每行一个姓名，或用顿号分隔' },
          { kind: 'text', name: 'headcount', label: '来访人数', required: false, maxLength: 6, placeholder: '5人及以上为集体访' },
          ...(input.leaders?.length
            ? [{ kind: 'select' as const, name: 'receptionLeaderId', label: '接访领导（来源为接访日时）', required: false, options: namedChoices(input.leaders) }]
            : []),
          { kind: 'checkbox', name: 'sudden', label: '突发性事件' },
          { kind: 'checkbox', name: 'important', label: '重要信访案件' },
          { kind: 'checkbox', name: 'beijingPetition', label: '赴京上访（我镇协调）' },
          { kind: 'checkbox', name: 'needsOwnership', label: '需领导包案（信访领导小组认定）' },
        ],
        submit: { label: '提交登记', action: actionValue('intake.submit', {}) },
      },
    ],
  };
}
