# expect: DLG6127
# A non-breaking space between arguments (copied from a web page).
curl -X DELETE 'https://www.zohoapis.com/crm/v7/Leads/410405000002264040' -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx'
