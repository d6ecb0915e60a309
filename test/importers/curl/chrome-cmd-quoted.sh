# expect: none
# A cmd command typed by hand: real double quotes (in which & and ^ are plain text) and \" inside them.
curl -X POST "https://www.zohoapis.com/crm/v7/Deals/search?criteria=(Stage:equals:Closed%20Won)&page=1" -H "Authorization: Zoho-oauthtoken 1000.0f3a9cxxxxxxxxxxxxxxxx81d2.77e5xxxxxxxxxxxxxxxa" -H "Content-Type: application/json" -d "{\"note\":\"50^% ^ caret\"}"
