# expect: none
# Zoho CRM "Update Specific Record" style: PUT with a JSON body long enough to be built with put().
curl "https://www.zohoapis.eu/crm/v7/Leads/554023000000527002" \
  -X PUT \
  -H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf" \
  -H "Content-Type: application/json" \
  -d '{"data":[{"Owner":{"id":"554023000000235011"},"Last_Name":"Kowalski","Phone":"+48 555 010 200","Lead_Status":"Contacted","Annual_Revenue":125000.5,"No_of_Employees":40,"Email_Opt_Out":false}],"trigger":["approval","workflow"]}'
