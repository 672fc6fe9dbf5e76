import { describe, expect, it } from 'vitest';
import { sentimentCaseTitle, sentimentNotification } from '../../src/domain/duties/sentiment.js';

describe('R16 sentiment collection', () => {
  const report = { id: 's1', villageName: '青山村', reporterName: '蒋信息员', content: '三组村民因灌溉用水发生争执，情绪激动。' };

  it('R16: a report goes at once (URGENT) to the area leader and the office, each once', () => {
    const n = sentimentNotification(report, { areaLeaderId: 'A', officeIds: ['O1', 'O2', 'A'] });
    expect(n).toMatchObject({ kind: 'SENTIMENT_REPORT', urgency: 'URGENT', key: 'sentiment:s1', recipientIds: ['A', 'O1', 'O2'] });
    expect(n.body).toContain('灌溉用水');
  });

  it('R16: a village with no area leader still reaches the office', () => {
    expect(sentimentNotification(report, { areaLeaderId: null, officeIds: ['O1'] }).recipientIds).toEqual(['O1']);
  });

  it('R16: the case title taken from a long report fits the 100-character limit', () => {
    const title = sentimentCaseTitle('青山村', '长'.repeat(300));
    expect([...title]).toHaveLength(100);
    expect(title.startsWith('青山村民情：')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
  });
});
