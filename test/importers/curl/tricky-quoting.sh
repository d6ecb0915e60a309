# expect: none
# bash quoting: '\'' inside single quotes, \" and \$ in double quotes, $'…' escapes, adjoining pieces, # inside a word.
curl 'https://api.example.com/v1/search?q=it'\''s&tag=a#b' \
  -H "X-Note: say \"hi\" to \$USER at 100% \\ done" \
  -H $'X-Tab: a\tb' \
  -H X-Joined:' 'one"two"'three' \
  --data-raw 'a=1&b=x%2By' # a comment after the command
