# expect: DLG6112 DLG6112
# A credential kept out of the script by its value under any name (a Zoho token in `?t=`, a Stripe key in a form
# field), and by a header name written with `_` (Swagger's Petstore sample: `api_key`).
curl -X DELETE 'https://petstore.swagger.io/v2/pet/1?t=1000.0123456789abcdef0123.0123456789abcdef0123abcd' \
  -H 'api_key: special-key-1234567' \
  -d 'k=sk_live_0123456789abcdefABCD&a=1'
