# expect: DLG6116 DLG6117
# A header given twice (joined), one removed with 'Name:' (ignored), one sent empty with 'Name;'.
curl https://api.example.com/v1/items -H 'Accept: application/json' -H 'accept: text/plain' -H 'User-Agent:' -H 'X-Empty;'
