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

/** Whether text is a valid TIME value (`'13:15:10'`, `'10:00 PM'`). */
export function isTimeOfDay(text: string): boolean {
  const fields = timeOfDayFields(text);
  return fields !== undefined && fields !== 'range';
}

/** The units the add/sub functions move a TIME value by, in seconds. */
export const CLOCK_UNIT_SECONDS: Readonly<Record<'hour' | 'minute' | 'second', number>> = { hour: 3600, minute: 60, second: 1 };

/**
 * Creator's TIME text moved by a number of seconds (`'13:15:10'.addMinutes(1)` is `'13:16:10'`, the addMinutes page),
 * written as it was (24-hour or AM/PM; with seconds when it had them or the result has some). 'range' when the
 * result leaves the day (the page: "Invalid Operation. Value outside 24 hour range"); undefined for text that is no
 * valid TIME.
 */
export function shiftedTimeOfDay(text: string, seconds: number): string | 'range' | undefined {
  const fields = timeOfDayFields(text);
  if (fields === undefined || fields === 'range') return undefined;
  const total = fields.hour * 3600 + fields.minute * 60 + fields.second + Math.trunc(seconds);
  if (total < 0 || total >= 86_400) return 'range';
  const hour = Math.floor(total / 3600);
  const minute = Math.floor(total / 60) % 60;
  const second = total % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  const withSeconds = /\d:\d{2}:\d{2}/.test(text) || second !== 0;
  const clock = (h: number): string => `${two(h)}:${two(minute)}${withSeconds ? `:${two(second)}` : ''}`;
  return /[AaPp][Mm]\s*$/.test(text) ? `${clock(hour % 12 === 0 ? 12 : hour % 12)} ${hour < 12 ? 'AM' : 'PM'}` : clock(hour);
}
