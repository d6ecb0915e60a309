# expect: none
# -T to a URL ending in '/' uploads to that URL plus the file's name, as curl does.
curl -T word.txt -H 'Content-Type: text/plain' https://storage.example.com/bucket/
