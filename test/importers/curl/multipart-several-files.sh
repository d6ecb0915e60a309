# expect: none
# Zoho CRM's "Upload Files to ZFS" sends several files in parts all named "file": the script's `files` list does so.
curl "https://www.zohoapis.com/crm/v8/files" -X POST -F "type=inline" -F "file=@rows.csv" -F "file=@notes.md"
