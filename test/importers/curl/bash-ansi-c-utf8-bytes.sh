# expect: none
# Tools that escape every byte in $'…' write é as \xc3\xa9 (or \303\251): bash passes curl those bytes, UTF-8 for
# é, € and 😀; an escaped backslash before x stays text.
curl 'https://api.example.com/v1/notes' \
  -H 'content-type: application/json' \
  --data-raw $'{"name":"Jos\xc3\xa9","price":"\xe2\x82\xac5 \303\251","emoji":"\xf0\x9f\x98\x80","path":"C:\\\\xc3"}'
