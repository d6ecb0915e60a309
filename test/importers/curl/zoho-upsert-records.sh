# expect: none
# Zoho CRM API v8 "Upsert Records" style, with backslashes and an inline JSON body.
curl "https://www.zohoapis.com/crm/v8/Leads/upsert" \
  -X POST \
  -H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf" \
  -H "Content-Type: application/json" \
  -d '{"data":[{"Last_Name":"Hirpara","Email":"felix@zylker.example","Company":"Zylker"}],"duplicate_check_fields":["Email"],"trigger":["workflow"]}'
