# expect: DLG6103
# An unclosed quote: nothing is imported (exit 1).
curl 'https://www.zohoapis.com/crm/v7/Leads -H "Authorization: Zoho-oauthtoken 1000.x"
