# expect: DLG6105 DLG6105 DLG6126
# An option curl does not have (long and short), and --option=value, which curl rejects.
curl --frobnicate -% --request=PATCH https://api.example.com/v1/items/7 -d 'qty=3'
