# expect: none
# Chrome "Copy as cURL (cmd)" on Windows: ^ continues lines and escapes every special character.
curl ^"https://www.zohoapis.com/crm/v7/Leads?fields=Last_Name,Email^&per_page=5^" ^
  -H ^"accept: application/json, text/plain, */*^" ^
  -H ^"accept-language: en-US,en;q=0.9^" ^
  -H ^"Authorization: Zoho-oauthtoken 1000.0f3a9cxxxxxxxxxxxxxxxx81d2.77e5xxxxxxxxxxxxxxxa^" ^
  -H ^"x-request-id: 6f1c^%^20a^" ^
  --compressed
