# expect: DLG6111
# Zoho CRM "Upload an Attachment" by URL: a multipart form with one text field and no file.
curl "https://www.zohoapis.com/crm/v7/Leads/410405000002264040/Attachments"
-X POST
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
-F "attachmentUrl=https://www.zoho.com/images/logo.png"
