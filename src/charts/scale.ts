// Axis maths of the charts: round tick values and a linear map from value to pixels.

/**
 * Ticks from 0 past `max` in round steps (1, 2, 2.5, 5 × 10ⁿ), about `count` of them:
 * 37 → 0, 10, 20, 30, 40. Counts never get fractional steps; 0 gives 0, 1.
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!Number.isFinite(max) || max < 0) throw new RangeError(`not a maximum: ${max}`);
  if (max === 0) return [0, 1];
  const raw = max / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const candidates = [1, 2, 2.5, 5, 10].map((m) => m * power).filter((s) => Number.isInteger(s) && s >= 1);
  const step = candidates.find((s) => s >= raw) ?? Math.max(1, 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

/** A function from [0, domainMax] to [rangeStart, rangeEnd]. */
export function linearScale(domainMax: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => rangeStart + ((rangeEnd - rangeStart) * value) / span;
}
