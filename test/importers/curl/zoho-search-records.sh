# expect: DLG6111
# Zoho CRM "Search Records" style: criteria percent-encoded in the URL, kept as written.
curl "https://www.zohoapis.com/crm/v7/Leads/search?criteria=((Last_Name:equals:Burns%5C%2CB)and(First_Name:starts_with:M))&page=1"
-X GET
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
