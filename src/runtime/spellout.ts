/**
 * Numbers in English words, for `toWords` (https://www.zoho.com/deluge/help/functions/number/towords.html). The page's
 * examples are ICU's cardinal spell-out, which Java offers: `one thousand nine hundred eighty-nine` (no "and"),
 * `minus twelve`, `one thousand nine hundred eighty-nine point one three` (the fraction digit by digit), `ten
 * million`, and for en-in `one crore` (thousand, lakh and crore, the crores counted the same way). This spells them
 * as ICU's English rules do. Shared with emitted programs: imports nothing.
 */

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** The languages `toWords` spells: the page's English ones. Its other languages (fr, de, ja, …) are not spelled yet. */
type WordsSystem = 'western' | 'indian';

/** The page's languages, lower case, and how each is spelled (undefined: a language of the page not spelled here). */
const TO_WORDS_LANGUAGES: Readonly<Record<string, WordsSystem | undefined>> = {
  'en-us': 'western', 'en-gb': 'western', 'en-in': 'indian',
  fr: undefined, de: undefined, it: undefined, ja: undefined, ko: undefined, zh: undefined, es: undefined,
};

/** Western scales, largest first, down to a hundred: each above a thousand is a thousand times the next. */
const WESTERN_SCALES: readonly (readonly [bigint, string])[] = [
  [10n ** 15n, 'quadrillion'],
  [10n ** 12n, 'trillion'],
  [10n ** 9n, 'billion'],
  [10n ** 6n, 'million'],
  [1000n, 'thousand'],
  [100n, 'hundred'],
];
/** The Indian ones: crore counts crores as a number of its own (`one lakh crore`). */
const INDIAN_SCALES: readonly (readonly [bigint, string])[] = [
  [10n ** 7n, 'crore'],
  [10n ** 5n, 'lakh'],
  [1000n, 'thousand'],
  [100n, 'hundred'],
];

/** A whole number of at least 0 in words: below a hundred by name, above it by the largest scale it reaches. */
function whole(n: bigint, scales: readonly (readonly [bigint, string])[]): string {
  if (n < 20n) return ONES[Number(n)]!;
  if (n < 100n) {
    const units = Number(n % 10n);
    return TENS[Number(n / 10n)]! + (units === 0 ? '' : `-${ONES[units]}`);
  }
  const [size, name] = scales.find(([at]) => n >= at)!;
  const rest = n % size;
  return `${whole(n / size, scales)} ${name}${rest === 0n ? '' : ` ${whole(rest, scales)}`}`;
}

/** What `toWords` gives: the words, or the error (its code and message) that stops the run. */
export type ToWordsResult = { readonly words: string } | { readonly code: 'DLG4014' | 'DLG4018'; readonly message: string };

/**
 * `toWords` of a number written as Deluge prints it (`-12`, `1989.13`), in `language` as the script gave it (the
 * default en-us when undefined).
 */
export function toWordsOf(numberText: string, language: string | undefined): ToWordsResult {
  const given = language ?? 'en-us';
  const code = given.trim().toLowerCase().replace('_', '-');
  if (!Object.hasOwn(TO_WORDS_LANGUAGES, code)) {
    return { code: 'DLG4018', message: `toWords: "${given}" is not one of the page's languages (en-us, en-gb, en-in, fr, de, it, ja, ko, zh, es)` };
  }
  const system = TO_WORDS_LANGUAGES[code];
  if (system === undefined) return { code: 'DLG4014', message: `toWords: deluge run spells numbers in English (en-us, en-gb, en-in), not yet in "${given}"` };
  const negative = numberText.startsWith('-');
  const digits = negative ? numberText.slice(1) : numberText;
  const [integer = '', fraction = ''] = digits.split('.');
  if (!/^\d+(?:\.\d+)?$/.test(digits) || integer.length > 18 || (fraction !== '' && integer.length + fraction.length > 15)) {
    return { code: 'DLG4018', message: `toWords: ${numberText} has more digits than the page allows (18 for a whole number, 15 with its fraction)` };
  }
  return { words: numberInWords(negative, digits, system) };
}

/**
 * `digits` (a whole part of decimal digits, then optionally `.` and the fraction's), in words: `minus` first when
 * negative, the fraction after `point` digit by digit.
 */
function numberInWords(negative: boolean, digits: string, system: WordsSystem): string {
  const [integer = '0', fraction = ''] = digits.split('.');
  const scales = system === 'indian' ? INDIAN_SCALES : WESTERN_SCALES;
  let words = whole(BigInt(integer), scales);
  if (fraction !== '') words += ' point ' + [...fraction].map((d) => ONES[Number(d)]).join(' ');
  return negative ? `minus ${words}` : words;
}
