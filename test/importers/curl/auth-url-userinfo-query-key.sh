# expect: DLG6112 DLG6112
# A user name and password in the URL (curl's Basic authentication) and an api_key in the query: a basic connection and a placeholder.
curl 'https://bot:t0p-s3cret@api.example.com/v1/weather?city=Chennai&api_key=3f9a7c1e5b2d'
