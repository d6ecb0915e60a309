# expect: DLG6111 DLG6115
# The same with a file the import cannot read: the body is the placeholder "@lead-input.json".
curl "https://www.zohoapis.com/crm/v7/Leads"
-X POST
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-d "@lead-input.json"
