# expect: DLG6125
# PowerShell 7.3+ (as deluge emit --to curl --shell powershell writes): bare " in the JSON, so its \" is JSON's escape, kept.
curl.exe 'https://www.zohoapis.com/crm/v7/functions/echo/actions/execute?auth_type=oauth' `
  -H 'Content-Type: application/json' `
  --data-raw '{"q":"say \"hi\"","path":"C:\\temp"}'
