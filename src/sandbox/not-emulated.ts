/**
 * Zoho APIs a script may call that the sandbox does not emulate (docs/sandbox.md, "Not emulated"). The sandbox
 * answers them as it answers an unknown module or route — as documented — and `deluge run --sandbox` adds to such a
 * failed request's line what it was: a gap of the sandbox, not a mistake in the script.
 */

const CRM_VERSION = /^v\d+(\.\d+)?$/;

/** A record's files: https://www.zoho.com/crm/developer/docs/api/v8/get-attachments.html (and its photo's page). */
const ATTACHMENT_ROUTES: ReadonlySet<string> = new Set(['attachments', 'photo']);

/** What the sandbox lacks for this path of a Zoho API host (`does not emulate COQL`), or undefined. */
export function notEmulated(pathname: string): string | undefined {
  const segments = pathname.split('/').slice(1);
  const [area, version, first, ...rest] = segments;
  if (area !== 'crm') return area ? `emulates only the CRM API, not /${area}/…` : undefined;
  if (version === 'bulk') return 'does not emulate the bulk API';
  if (!version || !CRM_VERSION.test(version) || !first) return undefined;
  switch (first.toLowerCase()) {
    case 'coql':
      return 'does not emulate COQL';
    case 'users':
      return 'does not emulate the users API';
    case 'org':
      return 'does not emulate the org API';
    case 'settings':
      return 'does not emulate the settings and metadata APIs';
    default:
      // `/{module}/actions/…` and `/{module}/{id}/actions/…`: blueprints, mass updates and the other record actions.
      if (rest[0] === 'actions' || rest[1] === 'actions') return 'does not emulate record actions (blueprints, mass actions, …)';
      // `/{module}/{id}/Attachments` and `/{module}/{id}/photo` (zoho.crm.getRelatedRecords("Attachments", …) asks the
      // first): the sandbox would answer them as an unknown related list, as if the script had named a wrong one.
      return ATTACHMENT_ROUTES.has(rest[1]?.toLowerCase() ?? '') ? 'does not emulate attachments and photos' : undefined;
  }
}
