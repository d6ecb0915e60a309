/** What the editor holds before anything is pasted: Zoho's Delete Records sample, as Deluge and as curl. */

export const DELUGE_SAMPLE = `// Zoho's Delete Records sample. Edit it, or paste a script or a sample copied from a docs page.
response = invokeurl
[
    url: "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"
    type: DELETE
    connection: "crm_oauth_connection"
];
info response;
`;

export const CURL_SAMPLE = `curl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true" \\
  -X DELETE \\
  -H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
`;
