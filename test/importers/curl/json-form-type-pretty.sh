# expect: none
# JSON with no Content-Type (curl sends it as a form): kept as exact text, since a map would change its spacing.
curl https://www.zohoapis.com/crm/v7/Notes -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx' -d '{ "data": [ { "Note_Content": "Called back" } ] }'
