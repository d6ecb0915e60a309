/**
 * Creator's TIME values, which scripts hold as text, for `deluge run` and emitted TypeScript programs alike (the
 * prelude generator copies this file's declarations into programs: it imports nothing).
 */

/**
 * Creator's TIME values written as text (`'13:15:10'`, `'10:00 PM'`): their clock fields, or 'range' for an
 * impossible time (`'25:61:00'` is an error on the time data type page); undefined for text of another shape.
 */
export function timeOfDayFields(text: string): { hour: number; minute: number; second: number } | 'range' | undefined {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?\s*$/.exec(text);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  if (m[4]) {
    if (hour < 1 || hour > 12) return 'range';
    hour = (hour % 12) + (m[4].toUpperCase() === 'PM' ? 12 : 0);
  }
  return hour > 23 || minute > 59 || second > 59 ? 'range' : { hour, minute, second };
}
