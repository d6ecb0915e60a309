# expect: DLG6108 DLG6108
# Typographic quotes around a body that goes on over lines (pasted from a document), one with an apostrophe inside
# (O’Neil): each read as the straight quotes that keep the text as it is, to its closing quote.
curl https://api.example.com/v1/contacts -H 'Content-Type: application/json' -d ‘{
  "name": "O’Neil",
  "vip": true
}’
curl https://api.example.com/v1/contacts -H "Content-Type: application/json" -d “{
  "name": "Ana"
}”
