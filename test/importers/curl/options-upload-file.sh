# expect: none
# -T uploads a file with PUT.
curl -T word.txt -H 'Content-Type: text/plain' https://storage.example.com/bucket/word.txt
