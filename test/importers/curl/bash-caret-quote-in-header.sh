# expect: none
# bash, one line: ^" inside single quotes is text, not Chrome's cmd quoting (it once made the whole command cmd: a GET of "'https://…").
curl 'https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040,410405000002264025&wf_trigger=true' -X DELETE -H 'Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf' -H 'X-Sep: ^"'
