/**
 * maskCredentialsKeepingColumns: what code frames of Deluge source mask — credentials, however the script holds
 * them — and what they must leave readable (dates, record ids, ordinary hyphenated text). redactRequestText: the
 * fields a request's URL and body carry credentials under, and what answers keep (`"code":"SUCCESS"`).
 */
import { describe, expect, it } from 'vitest';
import { credentialFieldsIn, isCredentialField, isGrantRequest, isSecretField, isSecretHeader, maskCredentialsKeepingColumns, redactRequestText, redactShownText, redactText, rememberRequestSecrets } from '../../src/http/redact.js';

const stars = (text: string) => '*'.repeat(text.length);

describe('credentials written in Deluge source, masked keeping columns', () => {
  it('in JSON written inside a text literal (escaped quotes): a link of the playground carried them as written', () => {
    const line = 'body = "{\\"client_secret\\": \\"jsonEscapedSecret\\", \\"password\\": \\"pw123\\", \\"name\\": \\"Ann\\"}";';
    expect(maskCredentialsKeepingColumns(line)).toBe('body = "{\\"client_secret\\": \\"*****************\\", \\"password\\": \\"*****\\", \\"name\\": \\"Ann\\"}";');
  });

  it('not a scheme alone, with the token joined on after it (it was masked whole, and the link said a secret was left out)', () => {
    for (const line of ['h = {"Authorization": "Zoho-oauthtoken " + tok};', 'h = {"authorization": "Bearer " + tok};']) expect(maskCredentialsKeepingColumns(line)).toBe(line);
    expect(maskCredentialsKeepingColumns('h = {"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"};')).toBe('h = {"Authorization": "Bearer ****************************"};');
  });
});

describe('maskCredentialsKeepingColumns', () => {
  it('masks cookies and the keys of other services wherever they are, column for column', () => {
    const cookie = 'sid=COOKIESECRET666';
    expect(maskCredentialsKeepingColumns(`headers: {"Cookie": "${cookie}"}`)).toBe(`headers: {"Cookie": "${stars(cookie)}"}`);
    for (const key of ['sk_live_51HxYzAbCdEfGhIjKlMnOp', 'ghp_0123456789abcdefghijABCDEFGHIJ012345', 'xoxb-1234567890-0987654321-AbCdEfGhIjKl', 'AKIAIOSFODNN7EXAMPLE']) {
      expect(maskCredentialsKeepingColumns(`key = "${key}";`), key).toBe(`key = "${stars(key)}";`);
    }
  });

  it("masks the password a script encodes for a Basic header, keeping the user: base64Encode(\"admin:…\")", () => {
    const line = 'h.put("Authorization", "Basic " + zoho.encryption.base64Encode("admin:S3cretPassw0rd"));';
    expect(maskCredentialsKeepingColumns(line)).toBe(`h.put("Authorization", "Basic " + zoho.encryption.base64Encode("admin:${stars('S3cretPassw0rd')}"));`);
  });

  it('leaves ordinary values alone: session dates and ids, hyphenated words', () => {
    for (const line of [
      '{"Session_Date": "2024-03-10", "Session_Name": "Spring-Webinar-2024"}',
      '{"session_id": "410405000002264040"}',
      'signature = "Love, xoxo-the-whole-zylker-team";',
    ]) {
      expect(maskCredentialsKeepingColumns(line)).toBe(line);
    }
  });
});

describe('redactRequestText', () => {
  it("masks the credentials of Zoho's revoke and grant requests: token=, code=, beside client_secret=", () => {
    expect(redactRequestText('https://accounts.zoho.com/oauth/v2/token/revoke?token=1000.REVOKESECRET.abc')).toBe('https://accounts.zoho.com/oauth/v2/token/revoke?token=****');
    expect(redactRequestText('https://accounts.zoho.com/oauth/v2/token?grant_type=authorization_code&client_id=1000.X&client_secret=CSECRET&code=1000.GRANTSECRET.def')).toBe(
      'https://accounts.zoho.com/oauth/v2/token?grant_type=authorization_code&client_id=1000.X&client_secret=****&code=****',
    );
  });

  it('masks token, code, key, secret and their prefixed forms in a query, a form and a JSON body, whatever the case, - and _ alike', () => {
    const names = ['token', 'Code', 'key', 'SECRET', 'refresh_token', 'refresh-token', 'access_token', 'Access-Token', 'api_key', 'api-key', 'apikey', 'auth_token', 'id_token', 'client_secret', 'client-secret', 'private_key', 'grant_code'];
    for (const name of names) {
      expect(redactRequestText(`https://api.example.com/x?n=1&${name}=S3CRETVALUE&m=2`), name).toBe(`https://api.example.com/x?n=1&${name}=****&m=2`);
      expect(redactRequestText(`${name}=S3CRETVALUE&n=1`), name).toBe(`${name}=****&n=1`);
      expect(redactRequestText(`{"${name}": "S3CRET VALUE \\"quoted\\"", "n": 1}`), name).toBe(`{"${name}": "****", "n": 1}`);
      expect(isSecretField(name), name).toBe(true);
    }
  });

  it('leaves other names alone, even those that end in one (zip_code, monkey, tokens_used)', () => {
    for (const text of ['https://api.example.com/x?zip_code=560001&monkey=1&tokens_used=3', 'postcode=560001&keyword=deluge', '{"zip_code": "560001", "keyword": "deluge", "secretary": "Ann"}']) {
      expect(redactRequestText(text)).toBe(text);
    }
    for (const name of ['zip_code', 'keyword', 'secretary', 'name']) expect(isSecretField(name), name).toBe(false);
  });

  it("redactText, for answers and messages, keeps Zoho's record codes", () => {
    const answer = '{"data":[{"code":"SUCCESS","details":{"id":"410405000002264040"},"message":"record deleted","status":"success"}]}';
    expect(redactText(answer)).toBe(answer);
  });
});

describe('the credential fields the emitters read from variables (isCredentialField, credentialFieldsIn)', () => {
  it('are the fields deluge run masks in a request, but a bare code only in a grant request', () => {
    for (const name of ['token', 'key', 'secret', 'Token', 'auth_token', 'api-key', 'apikey', 'private_key', 'secret_key', 'client_secret', 'x-api-key', 'zapikey', 'password', 'grant_code', 'auth_code', 'authorization_code', 'user_password', 'admin-pwd', 'db_passwd']) {
      expect(isCredentialField(name), name).toBe(true);
    }
    // Any prefix of a token or a secret, a passcode, and the keys named as credentials.
    for (const name of ['oauth_token', 'zoho_oauth_token', 'github_token', 'x-api-token', 'webhook_secret', 'signing_secret', 'passcode', 'user_passcode', 'license_key', 'licence-key', 'signing_key']) {
      expect(isCredentialField(name), name).toBe(true);
    }
    for (const name of ['code', 'zip_code', 'keyword', 'token_count', 'sort_key', 'cache_key', 'secretary', 'name', 'password_hint_shown', 'no_passwords', 'page_token', 'next_page_token', 'sync_token', 'tokens']) {
      expect(isCredentialField(name), name).toBe(false);
    }
    expect(isCredentialField('code', true)).toBe(true);
    expect(isCredentialField('zip_code', true)).toBe(false);
  });

  it("know a grant request: Zoho's token endpoint on any accounts host, or grant_type=authorization_code", () => {
    expect(isGrantRequest('https://accounts.zoho.eu/oauth/v2/token?code=1000.x')).toBe(true);
    expect(isGrantRequest('http://127.0.0.1:8080/oauth/v2/token')).toBe(true);
    expect(isGrantRequest('https://auth.example.com/token', 'grant_type=authorization_code&code=abc')).toBe(true);
    expect(isGrantRequest('https://accounts.zoho.com/oauth/v2/token/revoke?token=1000.x')).toBe(false);
    expect(isGrantRequest('https://api.example.com/countries?code=US')).toBe(false);
  });

  it('find the values in a URL, a form text and a JSON text; a code only in a grant', () => {
    const values = (text: string) => credentialFieldsIn(text).map((f) => `${f.name}=${text.slice(f.start, f.end)}`);
    expect(values('https://accounts.zoho.com/oauth/v2/token/revoke?token=1000.REVOKE.abc')).toEqual(['token=1000.REVOKE.abc']);
    expect(values('https://accounts.zoho.com/oauth/v2/token?grant_type=authorization_code&client_id=1000.X&code=1000.GRANT.def')).toEqual(['code=1000.GRANT.def']);
    expect(values('https://api.example.com/countries?code=US&key=AIzaSyD-abc&token_count=12345')).toEqual(['key=AIzaSyD-abc']);
    expect(values('{"secret": "S1 \\"quoted\\"", "n": 2, "next": "/x?api_key=K1-key"}')).toEqual(['secret=S1 \\"quoted\\"', 'api_key=K1-key']);
    // Placeholders and short values are left: `<token>`, `{token}`, `xxxx`, `$TOKEN`.
    expect(values('token=<token>&key={key}&secret=xxxx&auth_token=$TOKEN&api_key=ab')).toEqual([]);
  });
});

describe("code frames' masking (maskCredentialsKeepingColumns)", () => {
  it("masks a URL's or a form's credential field column for column, and a grant's code; keeps data", () => {
    expect(maskCredentialsKeepingColumns('r = invokeurl [ url: "https://accounts.zoho.com/oauth/v2/token/revoke?token=1000.REVOKE.abc" type: POST ];')).toBe(
      'r = invokeurl [ url: "https://accounts.zoho.com/oauth/v2/token/revoke?token=***************" type: POST ];',
    );
    expect(maskCredentialsKeepingColumns('u = "https://accounts.zoho.com/oauth/v2/token?grant_type=authorization_code&code=1000.GRANT.def";')).toBe(
      'u = "https://accounts.zoho.com/oauth/v2/token?grant_type=authorization_code&code=**************";',
    );
    for (const line of ['u = "https://api.example.com/c?code=US&token_count=12345&sort_key=Created_Time";', 'm = {"key": "Lead_Status", "code": "US"};']) {
      expect(maskCredentialsKeepingColumns(line)).toBe(line);
    }
  });
});

describe('redactText, for answers (the audit log) and messages', () => {
  it('masks a JSON "token", "secret" and the prefixed *_token, *_secret, *_key fields, whole names only', () => {
    expect(redactText('{"token":"T-login-123","user":"ana"}')).toBe('{"token":"****","user":"ana"}');
    for (const name of ['token', 'Token', 'secret', 'session_token', 'auth-token', 'api_key', 'apikey', 'private_key', 'client_secret', 'app_secret', 'secret_key']) {
      expect(redactText(`{"${name}": "S3CRET value \\"q\\"", "n": 1}`), name).toBe(`{"${name}": "****", "n": 1}`);
    }
  });

  it('keeps a record\'s "code", a bare "key", and names that only contain a credential word', () => {
    const text = '{"code":"SUCCESS","key":"Lead_Status","token_count":"12","sort_key":"Created_Time","tokens":"3","secretary":"Ann","my_token":"x1"}';
    expect(redactText(text)).toBe(text);
    expect(maskCredentialsKeepingColumns('m = {"token_count": "1200", "key": "Lead_Status"};')).toBe('m = {"token_count": "1200", "key": "Lead_Status"};');
  });
});

describe('redactRequestText: any prefixed token or secret of a request', () => {
  it('masks oauth_token, webhook_secret, x-api-token, a passcode and a license key; keeps a page_token and a sort_key', () => {
    expect(redactRequestText('https://api.example.com/x?oauth_token=OT-123&page_token=P2&sort_key=id&license_key=LK-9&passcode=1234')).toBe(
      'https://api.example.com/x?oauth_token=****&page_token=P2&sort_key=id&license_key=****&passcode=****',
    );
    expect(redactRequestText('{"webhook_secret": "whs_1", "next_page_token": "abc", "x-api-token": "t1"}')).toBe('{"webhook_secret": "****", "next_page_token": "abc", "x-api-token": "****"}');
  });
});

describe('redactShownText: a URL in a text the script prints', () => {
  it("masks the URL's credential fields as a request's listing does, before any request made them known", () => {
    const url = 'https://www.zohoapis.com/crm/v7/Leads?ids=900000000000000001&key=KEYSECRET1&code=CODESECRET1&token=TOKSECRET1';
    expect(redactShownText(url)).toBe('https://www.zohoapis.com/crm/v7/Leads?ids=900000000000000001&key=****&code=****&token=****');
    expect(redactShownText(`calling ${url} then "https://example.com/cb#access_token=abc.def&state=1"`)).toBe(
      'calling https://www.zohoapis.com/crm/v7/Leads?ids=900000000000000001&key=****&code=****&token=**** then "https://example.com/cb#access_token=****&state=1"',
    );
    expect(redactShownText(url)).toBe(redactRequestText(url));
    // What the emitters ask redactText of a literal is unchanged: `?code=US` is data there.
    expect(redactText(url)).toBe(url);
  });

  it('keeps what is not a URL\'s credential field: prose, a record\'s code, keyword and sort_key parameters', () => {
    for (const text of ['code=SUCCESS key=value', '{"code":"SUCCESS","details":{"id":"1"}}', 'https://example.com/search?keyword=abc&sort_key=id&page=2', 'see https://example.com/a?b=c']) {
      expect(redactShownText(text), text).toBe(text);
    }
  });
});

describe('credentials the earlier rules missed', () => {
  it("a URL's userinfo password, in any printed text and in a code frame; the user name kept", () => {
    expect(redactRequestText('https://bob:pa55-Word@api.example.com/x?n=1')).toBe('https://bob:****@api.example.com/x?n=1');
    expect(redactText('could not reach ftp://svc:hunter22@10.0.0.1/, giving up')).toBe('could not reach ftp://svc:****@10.0.0.1/, giving up');
    expect(maskCredentialsKeepingColumns('r = getUrl("http://bob:hunter22@host/x");')).toBe('r = getUrl("http://bob:********@host/x");');
    // No password, or an @ only later in the path or the query: nothing to mask.
    for (const text of ['https://bob@host/x', 'https://host/users/@me', 'https://host:8443/x?to=a@b.com', 'mailto:ana@zylker.com']) expect(redactText(text), text).toBe(text);
  });

  it('the credential headers of an answer shown as a map (invokeurl with detailed: true): Set-Cookie, Authorization, X-Auth-Token', () => {
    const headers = '{"set-cookie":"sid=SESSION0123456789; HttpOnly","authorization":"plainvalue","x-auth-token":"abc12345","x-api-key":"k123456","content-type":"application/json"}';
    expect(redactText(headers)).toBe('{"set-cookie":"****","authorization":"****","x-auth-token":"****","x-api-key":"****","content-type":"application/json"}');
  });

  it('a credential joined onto its scheme in Deluge source ("Basic " + "…", "Bearer " + "…"), column for column', () => {
    const basic = 'Ym9iOnNwbGl0U0VDUkVUcGFzc3dvcmQ=';
    expect(maskCredentialsKeepingColumns(`h.put("Authorization", "Basic " + "${basic}");`)).toBe(`h.put("Authorization", "Basic " + "${stars(basic)}");`);
    expect(maskCredentialsKeepingColumns(`x = "Bearer "+"sk-abc.DEF_123";`)).toBe(`x = "Bearer "+"${stars('sk-abc.DEF_123')}";`);
    // Prose joined on is left alone.
    expect(maskCredentialsKeepingColumns('info "Basic " + "information";')).toBe('info "Basic " + "information";');
  });
});

describe('what the new rules leave readable', () => {
  it('an authorization value shown as a map keeps its scheme; a ${NAME} reference is no credential', () => {
    expect(redactText('{"authorization":"Bearer abc.DEF-123"}')).toBe('{"authorization":"Bearer ****"}');
    expect(maskCredentialsKeepingColumns('{"Authorization": "Zoho-oauthtoken 1000.abc"}')).toBe('{"Authorization": "Zoho-oauthtoken ********"}');
    const advice = 'add "billing": { "type": "basic", "username": "${BILLING_USERNAME}", "password": "${BILLING_PASSWORD}" }';
    expect(maskCredentialsKeepingColumns(advice)).toBe(advice);
  });
});

describe('a credential field whose name is percent-encoded (access%5Ftoken), as a server decodes it', () => {
  it('is masked in a listed request: a URL, a form body, a parameters map sent form-encoded (client%255Fsecret)', () => {
    expect(redactRequestText('https://api.example.com/x?access%5Ftoken=PCT0123456789&api%5Fkey=PCT9876543210&page=2')).toBe('https://api.example.com/x?access%5Ftoken=****&api%5Fkey=****&page=2');
    expect(redactRequestText('client%255Fsecret=PCTFORM444444&access%255Ftoken=PCTFORM555555&name=ana')).toBe('client%255Fsecret=****&access%255Ftoken=****&name=ana');
    expect(redactRequestText('refresh%5ftoken=PCT1&token%5Fcount=12')).toBe('refresh%5ftoken=****&token%5Fcount=12');
  });

  it('is masked in any printed text and in a code frame, column for column', () => {
    expect(redactText('GET /x?client%5Fsecret=PCTCS123456 failed')).toBe('GET /x?client%5Fsecret=**** failed');
    expect(redactText('{"client%5Fsecret": "PCTCS123456"}')).toBe('{"client%5Fsecret": "****"}');
    expect(maskCredentialsKeepingColumns('u = "https://api.example.com/x?api%5Fkey=PCTKEY98765&n=1";')).toBe(`u = "https://api.example.com/x?api%5Fkey=${stars('PCTKEY98765')}&n=1";`);
    expect(maskCredentialsKeepingColumns('p.put("client%5Fsecret", "PCTFORMSECRET444");')).toBe(`p.put("client%5Fsecret", "${stars('PCTFORMSECRET444')}");`);
  });

  it('is a credential field to the emitters, under its decoded name', () => {
    expect(isCredentialField('access%5Ftoken')).toBe(true);
    expect(isSecretField('client%255Fsecret')).toBe(true);
    const text = 'https://api.example.com/x?api%5Fkey=PCTKEY98765&zip%5Fcode=560001';
    expect(credentialFieldsIn(text).map((f) => `${f.name}=${text.slice(f.start, f.end)}`)).toEqual(['api_key=PCTKEY98765']);
  });

  it('leaves other encoded names and text alone', () => {
    for (const text of ['https://api.example.com/x?zip%5Fcode=560001&q=a%20token%20of%20thanks', 'sort%5Fkey=Created_Time']) expect(redactRequestText(text), text).toBe(text);
    expect(isCredentialField('zip%5Fcode')).toBe(false);
  });
});

describe('a credential split across text literals joined with + (code frames)', () => {
  it('is masked where the joined text would be, column for column, in each literal', () => {
    expect(maskCredentialsKeepingColumns('pwd = "sk_live_" + "xyzABCDEF0123456789";')).toBe(`pwd = "${stars('sk_live_')}" + "${stars('xyzABCDEF0123456789')}";`);
    expect(maskCredentialsKeepingColumns('part = "1000.abc" + "def0123456789abcdef.0123456789abcdef0123";')).toBe(
      `part = "${stars('1000.abc')}" + "${stars('def0123456789abcdef.0123456789abcdef0123')}";`,
    );
    expect(maskCredentialsKeepingColumns('u = "https://api.example.com/x?api_" + "key=K1-split-key" + "&n=1";')).toBe(`u = "https://api.example.com/x?api_" + "key=${stars('K1-split-key')}" + "&n=1";`);
  });

  it('leaves joined prose and data alone', () => {
    for (const line of ['info "token " + "count: " + "3";', 'u = "https://api.example.com/x?page=" + "2" + "&sort_key=Created_Time";', 'm = "1000." + "50";']) {
      expect(maskCredentialsKeepingColumns(line)).toBe(line);
    }
  });
});

describe('a credential under a name the earlier rules missed', () => {
  it('passwd, pwd and passphrase fields, in a listed request, a text and a frame', () => {
    expect(redactRequestText('{"user": {"passwd": "S3cret-passwd", "pin": "4444"}}')).toBe('{"user": {"passwd": "****", "pin": "4444"}}');
    expect(redactRequestText('user=ana&pwd=S3cret-pwd&passphrase=long%20phrase')).toBe('user=ana&pwd=****&passphrase=****');
    expect(redactText('login failed for {"pwd":"S3cret-pwd"}')).toBe('login failed for {"pwd":"****"}');
    expect(maskCredentialsKeepingColumns('b = {"passwd": "S3cret-passwd"};')).toBe(`b = {"passwd": "${stars('S3cret-passwd')}"};`);
    for (const name of ['passwd', 'pwd', 'x-pwd']) expect(isCredentialField(name), name).toBe(true);
  });

  it('a header named for a password (X-Custom-Pass, X-Pwd); not one that only passes something on', () => {
    for (const name of ['X-Custom-Pass', 'x-pwd', 'Pass', 'X-Passphrase']) expect(isSecretHeader(name), name).toBe(true);
    for (const name of ['X-Passthrough', 'X-Bypass-Cache', 'X-Compass-Region', 'Passenger-Count']) expect(isSecretHeader(name), name).toBe(false);
  });

  it("a header named for a key (Azure's Ocp-Apim-Subscription-Key, X-Access-Key, Key); not Stripe's Idempotency-Key", () => {
    for (const name of ['Ocp-Apim-Subscription-Key', 'X-Access-Key', 'x-functions-key', 'DD-APPLICATION-KEY', 'Key', 'X-Key']) expect(isSecretHeader(name), name).toBe(true);
    for (const name of ['Idempotency-Key', 'X-Keyword', 'Keep-Alive', 'X-Monkey-Id']) expect(isSecretHeader(name), name).toBe(false);
  });

  it("an answer's x-…-token, x-…-secret, x-…-api-key header shown as a map (detailed: true)", () => {
    expect(redactText('{"x-amz-security-token":"AMZSESSIONTOKEN12345","x-goog-api-key":"AIzaLIKE0123","x-request-id":"r-123"}')).toBe(
      '{"x-amz-security-token":"****","x-goog-api-key":"****","x-request-id":"r-123"}',
    );
  });
});

describe('what a request sends is masked where a server echoes it (rememberRequestSecrets)', () => {
  it("a credential field's value of the URL, a form, a JSON body or a multipart part, however the echo quotes it", () => {
    rememberRequestSecrets({ url: 'https://api.example.com/x?api_key=ECHO-URL-KEY-1%2B2', headers: [['X-Note', 'plain']], body: { kind: 'raw', text: '{"client_secret": "ECHO-JSON-CS-333"}' } });
    rememberRequestSecrets({ url: 'https://api.example.com/y', headers: [], body: { kind: 'form', fields: [['password', 'ECHO-FORM-PW-444'], ['name', 'ECHO-NOT-A-SECRET']] } });
    rememberRequestSecrets({ url: 'https://api.example.com/z', headers: [], body: { kind: 'multipart', parts: [{ name: 'token', value: 'ECHO-PART-TOKEN-555' }] } });
    // The body it got, as a text inside the JSON of its answer: \"client_secret\":\"…\" is no field the patterns see.
    const echoed = JSON.stringify({ body: JSON.stringify({ client_secret: 'ECHO-JSON-CS-333', password: 'ECHO-FORM-PW-444', name: 'ECHO-NOT-A-SECRET' }), url: '/x?key=ECHO-URL-KEY-1+2', t: 'ECHO-PART-TOKEN-555' });
    expect(redactText(echoed)).toBe(JSON.stringify({ body: JSON.stringify({ client_secret: '****', password: '****', name: 'ECHO-NOT-A-SECRET' }), url: '/x?key=****', t: '****' }));
  });

  it("a Basic header's user:password, and the password alone, as a server may echo them decoded", () => {
    rememberRequestSecrets({ url: 'https://api.example.com/basic', headers: [['Authorization', `Basic ${btoa('echo-user:ECHO-BASIC-PW-888')}`]] });
    expect(redactText('login echo-user:ECHO-BASIC-PW-888 refused')).toBe('login **** refused');
    expect(redactText('password ECHO-BASIC-PW-888 expired')).toBe('password **** expired');
  });

  it('a text masked before a secret was learned is masked again with it (masked texts are remembered until then)', () => {
    const message = 'refused: ECHO-LATE-SECRET-777 is not valid';
    expect(redactText(message)).toBe(message);
    expect(redactText(message)).toBe(message);
    rememberRequestSecrets({ url: 'https://api.example.com/late?api_key=ECHO-LATE-SECRET-777', headers: [] });
    expect(redactText(message)).toBe('refused: **** is not valid');
  });

  it('a short value is not remembered: a demo password would be masked in every line that uses the word', () => {
    rememberRequestSecrets({ url: 'https://api.example.com/login', headers: [], body: { kind: 'form', fields: [['password', 'demo1']] } });
    expect(redactText('the demo1 account')).toBe('the demo1 account');
  });
});

describe('webhook URLs that are credentials themselves (whoever has one can post to the channel)', () => {
  const slack = 'https://hooks.slack.com/services/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';
  const discord = 'https://discord.com/api/webhooks/123456789012345678/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcdef';
  const telegram = 'https://api.telegram.org/bot7123456789:AAHkQ1w2E3r4T5y6U7i8O9p0AsDfGhJkLzX/sendMessage';
  const teams = 'https://contoso.webhook.office.com/webhookb2/1a2b3c4d-1111-2222-3333-444455556666@aaaa/IncomingWebhook/0123456789abcdef0123456789abcdef/bbbb';
  const zapier = 'https://hooks.zapier.com/hooks/catch/1234567/abc12x/';

  it('have their secret part masked in a listed request and any printed text; the rest stays readable', () => {
    expect(redactRequestText(slack)).toBe('https://hooks.slack.com/services/T0A1B2C3D/B0E4F5G6H/****');
    expect(redactRequestText(discord)).toBe('https://discord.com/api/webhooks/123456789012345678/****');
    expect(redactRequestText(telegram)).toBe('https://api.telegram.org/bot****/sendMessage');
    expect(redactText(`posting to ${teams} failed`)).toBe('posting to https://contoso.webhook.office.com/webhookb2/1a2b3c4d-1111-2222-3333-444455556666@aaaa/IncomingWebhook/****/bbbb failed');
    expect(redactText(zapier)).toBe('https://hooks.zapier.com/hooks/catch/1234567/****/');
    expect(maskCredentialsKeepingColumns(`url: "${slack}"`)).toBe(`url: "${slack.replace('Zq9XyW8vU7tS6rQ5pO4nM3lK', stars('Zq9XyW8vU7tS6rQ5pO4nM3lK'))}"`);
  });

  it('are credentials to the emitters, named webhook_key', () => {
    expect(credentialFieldsIn(telegram).map((f) => [f.name, telegram.slice(f.start, f.end), f.recognised])).toEqual([
      ['webhook_key', '7123456789:AAHkQ1w2E3r4T5y6U7i8O9p0AsDfGhJkLzX', 'webhook key'],
    ]);
  });

  it('leave other URLs of those hosts alone', () => {
    for (const url of ['https://hooks.slack.com/services/', 'https://api.telegram.org/file/', 'https://discord.com/api/webhooks/123/short', 'https://example.com/hooks/catch/1/abcdef']) {
      expect(redactText(url)).toBe(url);
    }
  });
});
