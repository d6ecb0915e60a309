# expect: DLG6117 DLG6109 DLG6117 DLG6120 DLG6105 DLG6109
# Not an unquoted header's value nor an unknown option's: a quoted 'Name:' (curl's way to send no such header) and the
# URL after it, held in a variable or on localhost; a URL in a variable after an unknown option. And a command
# commented out with '#' is no command (not a root prompt).
curl -H "Expect:" "$API_URL/upload" -d 'a=1'
# curl -X DELETE "https://www.zohoapis.com/crm/v7/Leads?ids=410405000002264040"
curl -H "Accept:" localhost:8080/api/items
curl --compresed "$ZOHO_URL/crm/v7/Leads"
