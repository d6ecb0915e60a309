# expect: DLG6131 DLG6111
# Zoho Desk's API page as copied: a space after 'https://' (and options on lines of their own).
$ curl -X GET https:// desk.zoho.eu/api/v1/tickets/903000000000099
  -H "orgId:2389290"
  -H "Authorization:Zoho-oauthtoken 1000.67013ab3960787bcf3affae67e649fc0.83a789c859e040bf11e7d05f9c8b5ef6"
