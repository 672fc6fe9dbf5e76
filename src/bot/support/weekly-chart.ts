import { WEEKLY_CHART_TITLE, weeklyVillageRows } from '../../../cards/builders/weekly-summary.js';
import { groupedBarChart } from '../../charts/grouped-bar-chart.js';
import { svgToPng } from '../../charts/png.js';
import type { WeeklyFigures } from '../../domain/reminders/weekly-summary.js';

/** The villages of the weekly summary as clustered bars: new, resolved and overdue per village. */
export function weeklyChartSvg(f: WeeklyFigures): string | null {
  const rows = weeklyVillageRows(f);
  if (rows.length === 0) return null;
  return groupedBarChart({
    title: WEEKLY_CHART_TITLE,
    unit: '件',
    series: [{ name: '上周新收', colour: '#2f6fde' }, { name: '上周办结', colour: '#3a9b5c' }, { name: '目前逾期', colour: '#d9363e' }],
    groups: rows.map((r) => ({ label: r.label, values: [r.received, r.resolved, r.overdueNow] })),
  });
}

// One summary goes to every recipient on every platform: the same figures are drawn once.
const MAX_CACHED = 8;
const drawn = new Map<string, Promise<Uint8Array>>();

/** The chart as PNG, or null when there is no village to show. */
export async function weeklyChartPng(f: WeeklyFigures): Promise<Uint8Array | null> {
  const svg = weeklyChartSvg(f);
  if (svg === null) return null;
  const cached = drawn.get(svg);
  if (cached) return cached;
  const png = svgToPng(svg).then((r) => r.png);
  drawn.set(svg, png);
  // A failed drawing is not kept: the next recipient's card tries again.
  png.catch(() => drawn.get(svg) === png && drawn.delete(svg));
  if (drawn.size > MAX_CACHED) drawn.delete(drawn.keys().next().value!);
  return png;
}
