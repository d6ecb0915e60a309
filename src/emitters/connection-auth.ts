/**
 * How emitted code authenticates a connection's requests. `deluge run` takes the connection's type from
 * deluge.connections.json; so do the emitters when the file defines it: a `bearer`, `basic` or `header` connection
 * (a non-Zoho service, as `deluge import` makes of `-u` or a Bearer header) sends its own header, read from the
 * variables the file names (`"token": "${BILLING_TOKEN}"` → `$BILLING_TOKEN`). A value written in the file itself is
 * never copied: the variable is then named after the connection. Any other connection, or none defined, is Zoho
 * OAuth (`Authorization: Zoho-oauthtoken $ZOHO_OAUTH_TOKEN`), as cli.md has it.
 */
import type { Connections } from '../http/connections.js';
import { DATA_CENTRES, isDataCentre } from '../http/zoho-hosts.js';
import { upperSnake } from './curl/command.js';

export type ConnectionAuth =
  | { readonly kind: 'zoho-oauthtoken' }
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'header'; readonly header: string; readonly value: string };

export const ZOHO_OAUTH: ConnectionAuth = { kind: 'zoho-oauthtoken' };

/** A lookup for `EmitOptions.connectionAuth`: what the connections file says of each connection. */
export function connectionAuthFrom(connections: Connections): (name: string) => ConnectionAuth {
  return (name) => {
    const written = connections.written(name);
    if (!written) return ZOHO_OAUTH;
    const variable = (key: string, suffix: string): string => {
      const reference = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(written.settings[key] ?? '');
      return reference ? reference[1]! : `${upperSnake(name)}_${suffix}`;
    };
    switch (written.type) {
      case 'bearer':
        return { kind: 'bearer', token: variable('token', 'TOKEN') };
      case 'basic':
        return { kind: 'basic', username: variable('username', 'USERNAME'), password: variable('password', 'PASSWORD') };
      case 'header':
        return { kind: 'header', header: written.settings['header'] ?? 'Authorization', value: variable('value', 'VALUE') };
      default:
        return ZOHO_OAUTH;
    }
  };
}

/**
 * A lookup for `EmitOptions.apiDomainOf`: the API domain of a Zoho connection whose data centre (or, for a token
 * connection, API domain) the connections file writes as it is, as `deluge run` takes it. A value read from a variable
 * (`"${ZOHO_DC}"`) is not known when emitting: undefined, as for a connection the file does not define.
 */
export function apiDomainFrom(connections: Connections): (name: string) => string | undefined {
  return (name) => {
    const written = connections.written(name);
    if (written?.type !== 'zoho-oauth' && written?.type !== 'zoho-token') return undefined;
    const apiDomain = written.settings['apiDomain'];
    if (written.type === 'zoho-token' && apiDomain !== undefined) return apiDomain.includes('${') ? undefined : apiDomain.replace(/\/+$/, '');
    const dc = (written.settings['dataCenter'] ?? 'us').toLowerCase();
    return isDataCentre(dc) ? DATA_CENTRES[dc].apiDomain : undefined;
  };
}

/** The environment variables a connection's requests read, in the order the emitted header lists them. */
export function authVariables(auth: ConnectionAuth): string[] {
  switch (auth.kind) {
    case 'zoho-oauthtoken':
      return [];
    case 'bearer':
      return [auth.token];
    case 'basic':
      return [auth.username, auth.password];
    case 'header':
      return [auth.value];
  }
}
