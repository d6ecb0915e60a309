# expect: DLG6112
# -b (cookies as text: a placeholder, DLG6112), -e (referer), -A (user agent) and -r (range) become headers.
curl -b 'session=abc123; theme=dark' -e 'https://www.example.com/start' -A 'deluge-import-test/1.0' -r 0-1023 https://files.example.com/big.bin
