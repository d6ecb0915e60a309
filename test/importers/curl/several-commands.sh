# expect: DLG6101 DLG6123
# Several commands: two curl requests (response1, response2), an export that is skipped, a pipe to jq.
export ZOHO_DC=com
curl 'https://www.zohoapis.com/crm/v7/Leads?ids=1' -X DELETE -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx' && curl https://www.zohoapis.com/crm/v7/Leads/2 \
  -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx' | jq '.data[0]'
