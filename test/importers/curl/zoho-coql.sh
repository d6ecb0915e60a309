# expect: none
# Zoho CRM "COQL" style: a query in a JSON body.
curl "https://www.zohoapis.com/crm/v7/coql" -X POST -H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf" -H "Content-Type: application/json" -d '{"select_query":"select Last_Name, Email from Leads where Lead_Source = '"'"'Web'"'"' limit 10"}'
