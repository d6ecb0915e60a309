# expect: DLG6111
# Zoho CRM API v7 "Get Records" page style: fields, paging and sorting in the query.
curl "https://www.zohoapis.com/crm/v7/Leads?fields=Last_Name,Email,Company&per_page=3&sort_by=Created_Time&sort_order=desc"
-X GET
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
