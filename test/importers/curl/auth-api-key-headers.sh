# expect: DLG6112 DLG6112 DLG6112
# An API key header becomes a header connection; a second key has no connection to go in, and cookies belong to a browser session: both placeholders.
curl 'https://api.example.com/v1/orders?limit=10' \
  -H 'X-Api-Key: sk_live_51HxQ2eLkd9Zr' \
  -H 'X-Api-Secret: whsec_8f2b1c7d6e' \
  -H 'accept: application/json' \
  -H 'cookie: sessionid=6b1f0e2a4c; csrftoken=9d8c7b6a5f'
