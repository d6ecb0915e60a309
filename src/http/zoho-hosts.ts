/**
 * Zoho's data centres: where each one's accounts server (OAuth) and API domain live. The sandbox routing
 * (`run --sandbox`) and the connections' token endpoints both read this one table.
 *
 * Sources (zoho.com): accounts/protocol/oauth/multi-dc.html (accounts hosts, UK included) and
 * bigin.com/developer/docs/apis/multi-dc.html (accounts host ↔ API domain for US, AU, EU, IN, CN, JP, SA, CA).
 * The UK API domain follows the same pattern but no Zoho page in hand states it; the token response's
 * `api_domain` wins over this table anyway.
 */

export type DataCentre = 'us' | 'eu' | 'in' | 'au' | 'jp' | 'cn' | 'ca' | 'sa' | 'uk';

export interface DataCentreInfo {
  readonly id: DataCentre;
  readonly name: string;
  /** The accounts server: token, refresh and revoke requests go here. */
  readonly accountsHost: string;
  /** The API base the CRM REST API answers on. */
  readonly apiDomain: string;
}

export const DATA_CENTRES: Readonly<Record<DataCentre, DataCentreInfo>> = {
  us: { id: 'us', name: 'United States', accountsHost: 'accounts.zoho.com', apiDomain: 'https://www.zohoapis.com' },
  eu: { id: 'eu', name: 'Europe', accountsHost: 'accounts.zoho.eu', apiDomain: 'https://www.zohoapis.eu' },
  in: { id: 'in', name: 'India', accountsHost: 'accounts.zoho.in', apiDomain: 'https://www.zohoapis.in' },
  au: { id: 'au', name: 'Australia', accountsHost: 'accounts.zoho.com.au', apiDomain: 'https://www.zohoapis.com.au' },
  jp: { id: 'jp', name: 'Japan', accountsHost: 'accounts.zoho.jp', apiDomain: 'https://www.zohoapis.jp' },
  cn: { id: 'cn', name: 'China', accountsHost: 'accounts.zoho.com.cn', apiDomain: 'https://www.zohoapis.com.cn' },
  // Canada's accounts server is on zohocloud.ca, unlike every other data centre.
  ca: { id: 'ca', name: 'Canada', accountsHost: 'accounts.zohocloud.ca', apiDomain: 'https://www.zohoapis.ca' },
  sa: { id: 'sa', name: 'Saudi Arabia', accountsHost: 'accounts.zoho.sa', apiDomain: 'https://www.zohoapis.sa' },
  uk: { id: 'uk', name: 'United Kingdom', accountsHost: 'accounts.zoho.uk', apiDomain: 'https://www.zohoapis.uk' },
};

export const DATA_CENTRE_IDS = Object.keys(DATA_CENTRES) as DataCentre[];

export function isDataCentre(value: unknown): value is DataCentre {
  return typeof value === 'string' && Object.hasOwn(DATA_CENTRES, value);
}

/** `https://accounts.zoho.eu`: the base of the data centre's OAuth endpoints. */
export function accountsUrl(dc: DataCentre): string {
  return `https://${DATA_CENTRES[dc].accountsHost}`;
}

/** The registrable API domain of each data centre (`zohoapis.com.au`), from the table. */
const API_DOMAINS: ReadonlyMap<string, DataCentre> = new Map(DATA_CENTRE_IDS.map((dc) => [new URL(DATA_CENTRES[dc].apiDomain).hostname.replace(/^www\./, ''), dc]));
const ACCOUNTS_HOSTS: ReadonlyMap<string, DataCentre> = new Map(DATA_CENTRE_IDS.map((dc) => [DATA_CENTRES[dc].accountsHost, dc]));

/** A host as written in a URL or a Host header: lower case, without a port or a trailing dot. */
function normaliseHost(host: string): string {
  return host.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
}

/** The data centre of a `*.zohoapis.*` host: `www.`, `sandbox.`, `developer.`, `content.`, … of any data centre. */
function apiDataCentre(host: string): DataCentre | undefined {
  const h = normaliseHost(host);
  for (const [domain, dc] of API_DOMAINS) {
    if (h === domain || h.endsWith(`.${domain}`)) return dc;
  }
  return undefined;
}

/** True for every host of Zoho's REST APIs (`www.zohoapis.com`, `sandbox.zohoapis.eu`, `content.zohoapis.in`, …). */
export function isZohoApiHost(host: string): boolean {
  return apiDataCentre(host) !== undefined;
}

/** True for every data centre's accounts server (`accounts.zoho.com`, `accounts.zohocloud.ca`, …). */
export function isZohoAccountsHost(host: string): boolean {
  return ACCOUNTS_HOSTS.has(normaliseHost(host));
}

/** Each data centre's own domain (`zoho.eu`, `zohocloud.ca`): its accounts server's, where its products live too. */
const PRODUCT_DOMAINS: readonly string[] = DATA_CENTRE_IDS.map((dc) => DATA_CENTRES[dc].accountsHost.replace(/^accounts\./, ''));

/** True for any host of Zoho's: the REST APIs' (`zohoapis.*`), and the products' (`desk.zoho.com`, `accounts.zohocloud.ca`, …). */
export function isZohoHost(host: string): boolean {
  const h = normaliseHost(host);
  return isZohoApiHost(h) || PRODUCT_DOMAINS.some((domain) => h === domain || h.endsWith(`.${domain}`));
}

/** The data centre an accounts or API host belongs to; undefined for any other host. */
export function dataCentreOf(host: string): DataCentre | undefined {
  return ACCOUNTS_HOSTS.get(normaliseHost(host)) ?? apiDataCentre(host);
}

/**
 * The versions of the CRM REST API Zoho serves, as a URL writes them (`/crm/v7/…`): v2 and its minor version
 * v2.1, then v3 to v8 (the developer docs' version pages). The sandbox routes these, and lint reports a Delete
 * Records URL naming another.
 */
export const CRM_API_VERSIONS: ReadonlySet<string> = new Set(['v2', 'v2.1', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8']);
