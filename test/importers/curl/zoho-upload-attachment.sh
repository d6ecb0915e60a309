# expect: DLG6111 DLG6122
# Zoho CRM "Upload an Attachment" style: a file part read from files/ and sent as a FILE made from Base64.
curl "https://www.zohoapis.com/crm/v7/Leads/410405000002264040/Attachments"
-X POST
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-F "file=@pixel.png"
