/**
 * One meaning per concept, shared by the verdict, the rules, the report and the panel.
 */

/** A claim or field that names something: a string with a non-blank character. Blank or whitespace names nothing. */
export function names(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The one duration formatter (rules, reports and panel): `40 s`, `15 min`, `3 h 5 min`, `2 d 4 h`, rounded to the
 * precision shown (seconds under a minute, minutes under a day, hours from a day on) before it is split into
 * units, so 3,599 s is `1 h` (never `60 min`). The sign is dropped: callers say "before" or "after".
 */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unknown';
  const s = Math.abs(Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const hours = Math.round(s / 3600);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h === 0 ? `${d} d` : `${d} d ${h} h`;
}
