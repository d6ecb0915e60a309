export * from './ast.js';
export { parse, type ParseOptions, type ParseResult } from './parse.js';
export { lex, type LexResult } from './lexer.js';
export { extractSamples, pageType, type ExtractOptions, type PageType, type Sample, type SampleKind } from './extract.js';
export { looksLikeDocsSample, normaliseDocsSample, type NormalisedText, type NormaliseOptions } from './docs-sample.js';
