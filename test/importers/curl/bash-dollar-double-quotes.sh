# expect: none
# bash's $"…" (a translated string) is a double-quoted string: curl gets the header without the $.
curl https://api.example.com/items -H $"X-Trace: 1" -H $'X-Tab: a\tb'
