# expect: none
# Chrome's $'…' for a body with an apostrophe: the ‘ ’ after its \' are text inside the quotes, kept as they are.
curl 'https://api.example.com/v1/notes' \
  -H 'content-type: application/json' \
  --data-raw $'{"title":"It\'s ‘done’","body":"line one\\nline two"}'
