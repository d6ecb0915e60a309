# expect: none
# Two URLs (one with --url): the same options for each, one invokeurl block each.
curl -H 'Accept: application/json' --url 'https://www.zohoapis.com/crm/v7/users?type=ActiveUsers' https://www.zohoapis.com/crm/v7/org -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx'
