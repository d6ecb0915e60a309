# expect: DLG6108
# An apostrophe in a comment between two commands is prose, not a quote: the typographic quotes after it are read.
curl https://api.example.com/v1/items
# Don't cache this one
curl -H “Accept: application/json” https://api.example.com/v1/items/7
