# expect: DLG6104
# curl with options and no URL.
curl -X POST -H 'Content-Type: application/json' -d '{"a":1}'
