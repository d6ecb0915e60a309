/**
 * The points of Deluge's behaviour that no Zoho page settles, each decided once here (one switch each), with
 * the reason in README.md "Semantics". Change one here and the interpreter, the tests' expectations and the
 * docs follow this object.
 */
export const SEMANTICS = {
  /**
   * NUMBER / NUMBER: `'truncate'` gives a NUMBER rounded toward zero (`5/2` → `2`), as Java's `long` division
   * and Zoho's rule "a NUMBER stays a NUMBER unless a DECIMAL takes part" suggest; `'decimal'` would give `2.5`.
   */
  integerDivision: 'truncate' as 'truncate' | 'decimal',
  /** What `info null;` prints, and how null shows inside a printed list. */
  nullText: 'null',
  /** What null becomes when concatenated: `"a" + null` → `"a"` (a missing field reads as blank). */
  nullConcatText: '',
  /** `if (x)` with a non-boolean `x`: an error (Deluge's conditions are boolean). */
  nonBooleanConditionIsError: true,
  /** Default time zone of date-times when neither `--tz` nor the config names one (Zoho's docs are in US Pacific). */
  defaultTimeZone: 'America/Los_Angeles',
  /**
   * A NUMBER result outside 64 bits: `'error'` stops with DLG4017 (a record ID must never change silently);
   * `'wrap'` would wrap around as Java's `long` does.
   */
  numberOverflow: 'error' as 'error' | 'wrap',
  /** `null + 1`, `null * 2`: an error naming the operands (Zoho's type-mismatch wording), not a silent zero. */
  nullInArithmeticIsError: true,
  /** `for each` over null: no iterations (an absent field in a response is common); `false` would be an error. */
  forEachOverNullIsEmpty: true,
} as const;
