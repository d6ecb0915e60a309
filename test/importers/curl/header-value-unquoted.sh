# expect: DLG6138 DLG6138
# Zoho's sample typed with the header's quotes left out: curl would send empty headers and request the token as a URL.
curl "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040" -X DELETE -H Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf -H Accept: application/json
