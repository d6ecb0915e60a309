/**
 * The CRM modules the sandbox knows: the Delete Records page's 22 supported modules, Notes (for related lists and
 * the docs' samples), and custom modules created through the admin API. Module names in URLs match
 * case-insensitively (a decision: Zoho's pages always write the API name, and a script's `leads` is harmless).
 */

export interface ModuleInfo {
  /** The API name as Zoho writes it (`Price_Books`). */
  readonly apiName: string;
  /** The module's name in OAuth scopes, as the Delete Records page lists them (`pricebooks`). */
  readonly scopeName: string;
  readonly custom: boolean;
  /** Fields an insert must give (`MANDATORY_NOT_FOUND` otherwise). */
  readonly mandatory: readonly string[];
  /** Fields an upsert matches existing records on, in order (Zoho's system-defined duplicate checks, as Kaizen #56 lists them). */
  readonly duplicateCheck: readonly string[];
  /** Fields whose values make the record's display name (lookups, the recycle bin). */
  readonly displayFields: readonly string[];
}

function standard(
  apiName: string,
  scopeName: string,
  mandatory: readonly string[],
  duplicateCheck: readonly string[] = [],
  displayFields: readonly string[] = mandatory.slice(0, 1),
): ModuleInfo {
  return { apiName, scopeName, custom: false, mandatory, duplicateCheck, displayFields };
}

const PERSON = ['First_Name', 'Last_Name'];

/** In the order of the Delete Records page, then Notes. */
export const STANDARD_MODULES: readonly ModuleInfo[] = [
  standard('Leads', 'leads', ['Last_Name'], ['Email'], PERSON),
  standard('Accounts', 'accounts', ['Account_Name'], ['Account_Name']),
  standard('Contacts', 'contacts', ['Last_Name'], ['Email'], PERSON),
  standard('Deals', 'deals', ['Deal_Name', 'Stage'], ['Deal_Name']),
  standard('Campaigns', 'campaigns', ['Campaign_Name'], ['Campaign_Name']),
  standard('Tasks', 'tasks', ['Subject']),
  standard('Cases', 'cases', ['Subject', 'Case_Origin', 'Status'], ['Subject']),
  standard('Events', 'events', ['Event_Title', 'Start_DateTime', 'End_DateTime']),
  standard('Calls', 'calls', ['Subject', 'Call_Type', 'Call_Start_Time']),
  standard('Solutions', 'solutions', ['Solution_Title'], ['Solution_Title']),
  standard('Products', 'products', ['Product_Name'], ['Product_Name']),
  standard('Vendors', 'vendors', ['Vendor_Name'], ['Vendor_Name']),
  standard('Price_Books', 'pricebooks', ['Price_Book_Name'], ['Price_Book_Name']),
  standard('Quotes', 'quotes', ['Subject'], ['Subject']),
  standard('Sales_Orders', 'salesorders', ['Subject'], ['Subject']),
  standard('Purchase_Orders', 'purchaseorders', ['Subject', 'Vendor_Name'], ['Subject']),
  standard('Invoices', 'invoices', ['Subject', 'Account_Name'], ['Subject']),
  standard('Appointments__s', 'appointments', ['Appointment_Name']),
  standard('Appointments_Rescheduled_History__s', 'appointments_rescheduled_history', [], [], ['Name']),
  standard('Services__s', 'services', ['Service_Name'], ['Service_Name']),
  standard('Activities', 'activities', ['Subject']),
  standard('Notes', 'notes', ['Note_Content'], [], ['Note_Title']),
];

/** Modules that exist in CRM but not in its API: `INVALID_MODULE`, "The given module is not supported in API". */
export const UNSUPPORTED_MODULES: readonly string[] = ['Documents', 'Projects'];

export function customModule(apiName: string): ModuleInfo {
  return { apiName, scopeName: 'custom', custom: true, mandatory: ['Name'], duplicateCheck: ['Name'], displayFields: ['Name'] };
}

/** A custom module's API name: letters, digits and underscores, starting with a letter (as Zoho generates them). */
export function isValidCustomModuleName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(name);
}

/** Scope names a token may use for `module` (the page's lower-case form; custom modules also by API name). */
export function scopeNamesOf(module: ModuleInfo): readonly string[] {
  return module.custom ? ['custom', module.apiName.toLowerCase()] : [module.scopeName];
}

/** The Zoho permission name `NO_PERMISSION` reports (`Crm_Implied_Delete_Leads`). */
export function deletePermissionName(module: ModuleInfo): string {
  return `Crm_Implied_Delete_${module.apiName}`;
}
