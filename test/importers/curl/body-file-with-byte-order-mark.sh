# expect: none
# A body file a Windows editor saved with a byte order mark: curl sends its bytes as they are, the mark too.
curl https://api.example.com/leads -H 'Content-Type: text/plain' --data-binary @bom.json
