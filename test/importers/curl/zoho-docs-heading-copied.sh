# expect: DLG6101 DLG6111
# A paste from a Zoho docs page that took the heading above the sample too: "Copied" then starts a later line.
Sample Request

Copiedcurl "https://www.zohoapis.com/crm/v6/coql"
-X POST
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-d '{"select_query":"select Last_Name from Leads where Last_Name is not null limit 2"}'
