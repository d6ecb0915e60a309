/**
 * Calibration for the parse/lex ratio: the JSON grammar of Chevrotain's own examples (a CST parser with the
 * options deluge-kit uses), on JSON shaped like CRM records. It shows what (lex + CST parse) / lex costs for
 * the simplest grammar on the machine running the benchmark.
 */
import { createToken, CstParser, Lexer } from 'chevrotain';

const t = (name: string, pattern: RegExp, extra: object = {}) => createToken({ name, pattern, ...extra });
const True = t('True', /true/);
const False = t('False', /false/);
const Null = t('Null', /null/);
const LCurly = t('LCurly', /{/);
const RCurly = t('RCurly', /}/);
const LSquare = t('LSquare', /\[/);
const RSquare = t('RSquare', /]/);
const Comma = t('Comma', /,/);
const Colon = t('Colon', /:/);
const StringLiteral = t('StringLiteral', /"(?:[^\\"]|\\(?:[bfnrtv"\\/]|u[0-9a-fA-F]{4}))*"/);
const NumberLiteral = t('NumberLiteral', /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/);
const WhiteSpace = t('WhiteSpace', /[ \t\n\r]+/, { group: Lexer.SKIPPED, line_breaks: true });
const tokens = [WhiteSpace, NumberLiteral, StringLiteral, LCurly, RCurly, LSquare, RSquare, Comma, Colon, True, False, Null];

class JsonParser extends CstParser {
  constructor() {
    super(tokens, { nodeLocationTracking: 'onlyOffset', recoveryEnabled: true });
    this.performSelfAnalysis();
  }
  public json = this.RULE('json', () => this.OR([{ ALT: () => this.SUBRULE(this.object) }, { ALT: () => this.SUBRULE(this.array) }]));
  public object = this.RULE('object', () => {
    this.CONSUME(LCurly);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.objectItem) });
    this.CONSUME(RCurly);
  });
  public objectItem = this.RULE('objectItem', () => {
    this.CONSUME(StringLiteral);
    this.CONSUME(Colon);
    this.SUBRULE(this.value);
  });
  public array = this.RULE('array', () => {
    this.CONSUME(LSquare);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.value) });
    this.CONSUME(RSquare);
  });
  public value = this.RULE('value', () =>
    this.OR([
      { ALT: () => this.CONSUME(StringLiteral) },
      { ALT: () => this.CONSUME(NumberLiteral) },
      { ALT: () => this.SUBRULE(this.object) },
      { ALT: () => this.SUBRULE(this.array) },
      { ALT: () => this.CONSUME(True) },
      { ALT: () => this.CONSUME(False) },
      { ALT: () => this.CONSUME(Null) },
    ]),
  );
}

/** Median times of lexing and of lexing + CST parsing about `megabytes` of JSON. */
export function calibrate(megabytes: number, rounds: number): { lexMs: number; parseMs: number; bytes: number } {
  const lexer = new Lexer(tokens, { positionTracking: 'full' });
  const parser = new JsonParser();
  const record = '{"id": "410405000002264040", "name": "Lead name", "n": 12, "ok": true, "tags": ["a", "b", null], "nested": {"x": 1.5}}';
  const count = Math.ceil((megabytes * 1024 * 1024) / record.length);
  const text = `[${Array.from({ length: count }, () => record).join(',\n')}]`;
  const lexTimes: number[] = [];
  const parseTimes: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    let start = performance.now();
    lexer.tokenize(text);
    const lexMs = performance.now() - start;
    start = performance.now();
    parser.input = lexer.tokenize(text).tokens;
    parser.json();
    const parseMs = performance.now() - start;
    if (round > 0) {
      lexTimes.push(lexMs);
      parseTimes.push(parseMs);
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
  return { lexMs: median(lexTimes), parseMs: median(parseTimes), bytes: text.length };
}
