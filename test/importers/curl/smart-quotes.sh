# expect: DLG6108 DLG6108 DLG6108 DLG6108
# Pasted from a document: typographic quotes, read as straight ones (single where the content needs it).
curl “https://www.zohoapis.com/crm/v7/Leads” -H “Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx” -H “Content-Type: application/json” --data-raw ‘{"data":[{"Last_Name":"Ito"}]}’
