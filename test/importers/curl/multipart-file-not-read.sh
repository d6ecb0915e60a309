# expect: DLG6115
# -F with a file that is not there: the script makes the file from an empty Base64 text, with a TODO, and says so.
curl 'https://www.zohoapis.com/crm/v7/Leads/410405000002264040/Attachments' \
  -H 'Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf' \
  -F 'file=@not-here.bin'
