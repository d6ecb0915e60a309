# expect: DLG6122 DLG6122
# A part named as one of Deluge's reserved words (`is`, `from`, `zoho`): its variable is named apart (isValue).
curl -F 'is=@word.txt' -F 'zoho=@word.txt' https://x.example.com/upload
