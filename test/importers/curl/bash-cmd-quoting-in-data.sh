# expect: none
# Chrome "Copy as cURL (bash)" of a body holding ^" and lines ending in ^ (a regex, a caret): data, not cmd's quoting.
curl 'https://api.example.com/v1/rules' \
  -H 'content-type: text/plain' \
  --data-raw 'sep: ^"
pattern: ^"[a-z]+"$ or ^
end ^'
