# expect: DLG6111
# Zoho CRM API v7 "Delete Records" page, curl sample as its Copy button gives it (Copied, no \ at line ends).
Copiedcurl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true"
-X DELETE
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
