export { format, type FormatOptions, type FormatResult } from './format.js';
