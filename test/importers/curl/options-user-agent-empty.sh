# expect: DLG6117
# -A '' makes curl send no User-Agent at all (checked with curl 7.88), as -H 'User-Agent:' does: the script cannot
# leave out the one its HTTP client sends, so it is ignored with the same warning, not sent as an empty header.
curl -A '' https://api.example.com/v1/items
