import type { Rule } from '../rule.js';
import { rule as bodyAndParameters } from './body-and-parameters.js';
import { rule as crmGetRecordsFields } from './crm-get-records-fields.js';
import { rule as deprecatedGeturlPosturl } from './deprecated-geturl-posturl.js';
import { rule as hardcodedCredential } from './hardcoded-credential.js';
import { rule as insecureHttpWithCredentials } from './insecure-http-with-credentials.js';
import { rule as invokeurlBodyConflict } from './invokeurl-body-conflict.js';
import { rule as invokeurlDuplicateKey } from './invokeurl-duplicate-key.js';
import { rule as invokeurlInvalidType } from './invokeurl-invalid-type.js';
import { rule as invokeurlInvalidValue } from './invokeurl-invalid-value.js';
import { rule as invokeurlMissingUrl } from './invokeurl-missing-url.js';
import { rule as invokeurlUnknownKey } from './invokeurl-unknown-key.js';
import { rule as mixedCrmApiVersions } from './mixed-crm-api-versions.js';
import { rule as responseUnchecked } from './response-unchecked.js';
import { rule as zohoApiWithoutConnection } from './zoho-api-without-connection.js';

/** The http rules, in the order `--list-rules` shows them. */
export const HTTP_RULES: readonly Rule[] = [
  invokeurlMissingUrl,
  invokeurlInvalidType,
  invokeurlUnknownKey,
  insecureHttpWithCredentials,
  hardcodedCredential,
  zohoApiWithoutConnection,
  mixedCrmApiVersions,
  responseUnchecked,
  deprecatedGeturlPosturl,
  bodyAndParameters,
  invokeurlBodyConflict,
  invokeurlDuplicateKey,
  invokeurlInvalidValue,
  crmGetRecordsFields,
];
