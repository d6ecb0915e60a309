# expect: DLG6117 DLG6117 DLG6117 DLG6117 DLG6117 DLG6117 DLG6117 DLG6117
# Headers of the connection and of the body's framing, copied from a capture: the HTTP client sets them itself, and
# undici (deluge run) refuses Keep-Alive, Upgrade, Expect and Transfer-Encoding. Left out, each with why.
curl 'https://api.example.com/v1/notes' \
  -H 'Content-Type: text/plain' \
  -H 'Content-Length: 5' \
  -H 'Connection: keep-alive' \
  -H 'Keep-Alive: timeout=5, max=100' \
  -H 'Upgrade: h2c' \
  -H 'Expect: 100-continue' \
  -H 'X-Kept: yes' \
  --data-raw 'hello'
curl 'https://api.example.com/v1/notes' -H 'Content-Type: text/plain' -H 'Transfer-Encoding: chunked' -H 'Connection: close' -H 'Keep-Alive;' --data-binary 'hello'
