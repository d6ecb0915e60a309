# expect: DLG6125
# PowerShell: curl.exe with backtick continuations; JSON quotes written \" as PowerShell 5.1 needs.
curl.exe -X POST "https://www.zohoapis.com/crm/v7/Leads" `
  -H "Authorization: Zoho-oauthtoken 1000.0f3a9cxxxxxxxxxxxxxxxx81d2.77e5xxxxxxxxxxxxxxxa" `
  -H 'Content-Type: application/json' `
  -d '{\"data\":[{\"Last_Name\":\"Kumar\",\"Company\":\"Zylker\"}]}'
