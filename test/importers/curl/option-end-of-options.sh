# expect: none
# curl's end of options: every argument after `--` is a URL (one POST, to /v).
curl -d 'a=1' -- https://x.example.com/v
