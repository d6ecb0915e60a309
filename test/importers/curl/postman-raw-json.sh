# expect: none
# Postman "Code > cURL" (older export): --location --request and --data-raw.
curl --location --request PATCH 'https://www.zohoapis.in/crm/v7/settings/fields/5843104000000002589?module=Leads' \
--header 'Content-Type: application/json' \
--header 'Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf' \
--data-raw '{
    "fields": [
        {
            "field_label": "Lead Score",
            "tooltip": {"name": "static_text", "value": "0 to 100"}
        }
    ]
}'
