# expect: none
# Chrome "Copy as cURL (bash)": a JSON POST.
curl 'https://api.example.com/v2/orders' \
  -H 'accept: application/json' \
  -H 'content-type: application/json' \
  -H 'origin: https://shop.example.com' \
  --data-raw '{"customer":{"id":"C-1042","name":"Asha Rao"},"lines":[{"sku":"KB-01","qty":2,"price":49.5}],"gift":false,"note":null}' \
  --compressed
