# expect: DLG6111
# Zoho CRM API v7 "Insert Records" page style: the body from newlead.json (in files/), no Content-Type header.
curl "https://www.zohoapis.com/crm/v7/Leads"
-X POST
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-d "@newlead.json"
