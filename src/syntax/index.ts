export * from './ast.js';
export { parse, type ParseOptions, type ParseResult } from './parse.js';
export { lex, type LexResult } from './lexer.js';
export { extractSamples, type Sample, type SampleKind } from './extract.js';
export { looksLikeDocsSample, normaliseDocsSample, type NormalisedText } from './docs-sample.js';
