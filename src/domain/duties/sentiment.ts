import { notification, type Notification } from '../notifications.js';

export interface SentimentFacts {
  id: string;
  villageName: string;
  reporterName: string;
  content: string;
}

/** R16 即时即报: the report reaches the village's area leader and the office at once. */
export function sentimentNotification(report: SentimentFacts, recipients: { areaLeaderId: string | null; officeIds: string[] }): Notification {
  return notification({
    kind: 'SENTIMENT_REPORT',
    key: `sentiment:${report.id}`,
    urgency: 'URGENT',
    recipientIds: [...(recipients.areaLeaderId ? [recipients.areaLeaderId] : []), ...recipients.officeIds],
    title: `民情信息：${report.villageName}`,
    body: `${report.reporterName}报送：${excerpt(report.content, 200)}`,
  });
}

/** A case title taken from the report when the office gives none. */
export function sentimentCaseTitle(villageName: string, content: string): string {
  return excerpt(`${villageName}民情：${content.replace(/\s+/g, ' ').trim()}`, 100);
}

function excerpt(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
