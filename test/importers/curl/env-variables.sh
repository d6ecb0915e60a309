# expect: DLG6109 DLG6109
# Shell variables: kept as ${NAME} with a warning, except in a Zoho token (the connection replaces it).
curl "https://www.zohoapis.com/crm/v7/Leads/${LEAD_ID}" \
  -X DELETE \
  -H "Authorization: Zoho-oauthtoken $ZOHO_TOKEN" \
  -H "X-CRM-ORG: $ORG_ID"
