# expect: none
# --data-urlencode reads name=content whenever the text has a '=', an '@' before it included: a field named
# 'notify@owner', not the file 'owner=…' (curl's data_urlencode looks for '@' only when there is no '='; checked with curl 7.88).
curl https://www.zohoapis.com/crm/v7/functions/route_lead/actions/execute?auth_type=oauth \
  -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx' \
  --data-urlencode 'notify@owner=Ann Lee & team' \
  --data-urlencode 'note=sent by ann@example.com'
