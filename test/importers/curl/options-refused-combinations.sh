# expect: DLG6113 DLG6128 DLG6128 DLG6113
# Options curl refuses together ("You can only select one HTTP request method"; "option -F: is badly used here"):
# said at the options, and the body is kept. A body with a method invokeurl lacks goes with GET as text (a GET's
# parameters map would go into its query).
curl https://api.example.com/a -I -d a=1
curl https://api.example.com/b -G -F b=2
curl https://api.example.com/c -X OPTIONS -d c=3
