# expect: DLG6111
# Zoho CRM API v7 "Get Profiles" page: its curl sample as the page copies it.
# https://www.zoho.com/crm/developer/docs/api/v7/get-profiles.html
Copiedcurl "https://www.zohoapis.com/crm/v7/settings/profiles/3652397000000026011"
-X GET
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
