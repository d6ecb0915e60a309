import { readDateTimeText } from '../../runtime/datetime.js';
import type { Rule } from '../rule.js';

/** Two-digit years are placed against this instant; whether a text is a date at all does not depend on it. */
const FIXED_NOW = Date.UTC(2025, 0, 1);

/** `'it\'s "x"'` → `"it\'s \"x\""`: the same characters, the double quotes inside escaped, every escape kept. */
export function doubleQuoted(raw: string): string {
  const body = raw.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      out += c + body[i + 1]!;
      i++;
    } else out += c === '"' ? '\\"' : c;
  }
  return `"${out}"`;
}

export const rule: Rule = {
  meta: {
    id: 'prefer-double-quotes',
    code: 'DLG5409',
    category: 'style',
    severity: 'off',
    fixable: 'safe',
    summary: 'Text in single quotes: Deluge keeps single quotes for date-times, write text in double quotes.',
    docs: {
      what:
        'Reports a single-quoted literal whose content is not a date-time (`\'Junk Lead\'`), and rewrites it with double quotes ' +
        '(double quotes inside are escaped). Single-quoted date-times (`\'01-Jan-2024\'`, `\'01-Jan-2024 09:30:00\'`) are left ' +
        'alone, and so are texts shaped like a date with impossible parts. Off by default.',
      why:
        'In Deluge a single-quoted literal is a date-time when its text reads as one, and text otherwise: the same quotes mean ' +
        'two types, and a text that happens to look like a date (`\'1-2-24\'`) silently becomes one. Double quotes always mean text.',
      invalid: [`status = 'Junk Lead';\ninfo status;`, `info 'Say "hi"';`],
      valid: [`status = "Junk Lead";\ninfo status;`, `start = '01-Jan-2024';\ninfo start;`, `meeting = '01-Jan-2024 09:30:00';\ninfo meeting;`],
    },
  },
  create(context) {
    return {
      StringLiteral(literal) {
        if (literal.quote !== "'" || literal.raw.length < 2 || !literal.raw.endsWith("'")) return;
        if (readDateTimeText(literal.value, 'UTC', FIXED_NOW) !== 'syntax') return;
        const exact = context.file.text.slice(literal.span.start, literal.span.end) === literal.raw;
        context.report({
          span: literal.span,
          message: 'Text in single quotes is read as a date-time when it looks like one: write text in double quotes.',
          ...(exact ? { fix: { span: literal.span, text: doubleQuoted(literal.raw) } } : {}),
        });
      },
    };
  },
};
