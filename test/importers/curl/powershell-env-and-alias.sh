# expect: DLG6124 DLG6109 DLG6125
# PowerShell: 'curl' alone (Invoke-WebRequest in Windows PowerShell 5.1), $env: variables, `" escapes, '' in single quotes.
curl "https://www.zohoapis.com/crm/v7/Leads/$env:LEAD_ID" `
  -X PUT `
  -H "Authorization: Zoho-oauthtoken $env:ZOHO_TOKEN" `
  -H "X-Note: say `"hi`" it''s fine" `
  -H 'X-Quote: it''s'
