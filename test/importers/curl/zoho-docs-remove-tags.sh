# expect: DLG6111 DLG6115
# Zoho CRM API v7 "Remove Tags from a Record" page: its curl sample; the body file (input.json) is not in files/.
# https://www.zoho.com/crm/developer/docs/api/v7/remove-tags.html
Copiedcurl "https://www.zohoapis.com/crm/v7/Leads/554023000000792001/actions/remove_tags"
-X POST
-d @input.json
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
