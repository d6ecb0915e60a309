# expect: none
# Chrome "Copy as cURL (cmd)": the JSON's quotes become ^\^" (cmd's ^ and the C runtime's \").
curl ^"https://www.zohoapis.com/crm/v7/Contacts^" ^
  -H ^"Authorization: Zoho-oauthtoken 1000.0f3a9cxxxxxxxxxxxxxxxx81d2.77e5xxxxxxxxxxxxxxxa^" ^
  -H ^"content-type: application/json^" ^
  --data-raw ^"^{^\^"data^\^":^[^{^\^"Last_Name^\^":^\^"O'Brien ^& Sons^\^",^\^"Email^\^":^\^"sean^@obrien.example^\^"^}^]^}^"
