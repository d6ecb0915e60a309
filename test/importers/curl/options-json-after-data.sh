# expect: none
# curl puts & before a -d piece only: a --json piece is appended as it is, after -d data too (a=1{"b":2}).
curl https://api.example.com/v1/events -d 'a=1' --json '{"b":2}' -d 'c=3'
