# expect: none
# Chrome writes bodies with line breaks or quotes as bash ANSI-C strings ($'…').
curl 'https://api.example.com/v1/notes' \
  -H 'content-type: application/json' \
  --data-raw $'{"title":"It\'s done","body":"line one\\nline two\\ttabbed","path":"C:\\\\temp"}'
