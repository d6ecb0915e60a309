import { COLLECTION_BUILTINS } from './collection.js';
import { COMMON_BUILTINS } from './common.js';
import { DATETIME_BUILTINS } from './datetime.js';
import { ENCODING_BUILTINS } from './encoding.js';
import { FILE_BUILTINS } from './file.js';
import { JSON_BUILTINS } from './json.js';
import { LIST_BUILTINS } from './list.js';
import { MAP_BUILTINS } from './map.js';
import { NUMBER_BUILTINS } from './number.js';
import { BuiltinRegistry } from './registry.js';
import { TEXT_BUILTINS } from './text.js';

export { BuiltinRegistry, type BuiltinSpec, type BuiltinContext, type ArgType, type ParamSpec, type Area } from './registry.js';

/**
 * Every builtin. Order matters only where names meet: a method is looked up in this order and the first
 * declaration whose receiver type fits wins, so the type-specific areas come before `common`, whose
 * declarations take any value (`toString`, `isNull`, …).
 */
export const BUILTINS = new BuiltinRegistry([
  ...DATETIME_BUILTINS,
  ...TEXT_BUILTINS,
  ...LIST_BUILTINS,
  ...MAP_BUILTINS,
  ...COLLECTION_BUILTINS,
  ...NUMBER_BUILTINS,
  ...JSON_BUILTINS,
  ...ENCODING_BUILTINS,
  ...FILE_BUILTINS,
  ...COMMON_BUILTINS,
]);
