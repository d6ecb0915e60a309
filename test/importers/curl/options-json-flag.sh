# expect: none
# --json: the body as given, with Content-Type and Accept application/json (curl 7.82).
curl --json '{"data":[{"Subject":"Follow up","Due_Date":"2024-06-01"}]}' https://www.zohoapis.com/crm/v7/Tasks -H 'Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf'
