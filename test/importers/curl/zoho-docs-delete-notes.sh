# expect: DLG6111
# Zoho CRM API v7 "Delete Notes" page: its curl sample as the page copies it.
# https://www.zoho.com/crm/developer/docs/api/v7/delete-notes.html
Copiedcurl "https://www.zohoapis.com/crm/v7/Notes?ids=2883756000000268003,2883756000000987654,2883756000000736435"
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-X DELETE
