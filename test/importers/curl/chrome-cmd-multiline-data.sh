# expect: none
# cmd: a line break inside an argument is ^ followed by two line breaks (Chrome writes it so).
curl ^"https://api.example.com/v1/comments^" ^
  -H ^"content-type: text/plain^" ^
  --data-raw ^"first line^

second line^"
