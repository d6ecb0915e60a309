# expect: DLG6111
# Zoho CRM's "Get Records through COQL Query" page as pasted (no '\' at the line ends, no content type): the query in
# the file has '=' in it, and curl's default form content type must not make the JSON a form field.
curl "https://www.zohoapis.com/crm/v6/coql"
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-d "@coql-query.json"
-X POST
