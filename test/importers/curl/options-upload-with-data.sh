# expect: DLG6128
# curl refuses -T beside -d ("You can only select one HTTP request method"): the data is kept, the file not read.
curl https://api.example.com/items -H 'Content-Type: application/json' -T unread.json -d '{"name":"x"}'
