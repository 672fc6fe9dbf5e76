import { quarterOf, type LocalDate } from '../../src/lib/local-date.js';
import { actionValue } from '../actions.js';
import { quarterLabel } from '../format.js';
import type { Card, FormInput } from '../model.js';

export interface MeetingFormInput {
  today: LocalDate;
  /** Major difficult cases the meeting may have studied. */
  cases?: readonly { id: string; number: string; title: string }[];
  /** Whether this quarter already has a meeting on record (R12). */
  quarterHasMeeting?: boolean;
}

/** R12 会议: the leading group's quarterly study of major difficult cases. */
export function meetingFormCard(input: MeetingFormInput): Card {
  const inputs: FormInput[] = [
    { kind: 'date', name: 'date', label: '会议日期', required: true, initial: input.today },
    { kind: 'text', name: 'topic', label: '议题', required: true, maxLength: 200 },
    { kind: 'text', name: 'attendees', label: '参会人员', required: true, multiline: true, maxLength: 1000, placeholder: '每行一人，或用顿号分隔' },
    { kind: 'text', name: 'decisions', label: '研究决定', required: true, multiline: true, maxLength: 1000 },
  ];
  if (input.cases?.length) {
    inputs.push({
      kind: 'multiselect',
      name: 'caseIds',
      label: '研究的案件',
      required: false,
      options: input.cases.slice(0, 100).map((c) => ({ value: c.id, label: `${c.number} ${c.title}`.slice(0, 60) })),
    });
  }
  const quarter = quarterLabel(quarterOf(input.today));
  return {
    title: '记录领导小组会议',
    subtitle: input.quarterHasMeeting ? `${quarter}已召开会议` : `${quarter}尚未召开研究会议`,
    colour: input.quarterHasMeeting ? 'blue' : 'orange',
    elements: [
      { kind: 'note', text: '信访工作领导小组每季度至少研究一次重大疑难信访案件。' },
      { kind: 'form', name: 'meeting_form', inputs, submit: { label: '提交', action: actionValue('meeting.submit', {}) } },
    ],
  };
}
