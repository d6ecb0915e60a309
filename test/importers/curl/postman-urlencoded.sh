# expect: DLG6112
# Postman export of an x-www-form-urlencoded body: one --data-urlencode per field; the grant code is a placeholder (DLG6112).
curl --location 'https://accounts.zoho.eu/oauth/v2/token' \
--header 'Content-Type: application/x-www-form-urlencoded' \
--data-urlencode 'grant_type=authorization_code' \
--data-urlencode 'client_id=1000.R2Z0WWOLFVMR287126QED3B4JWQ5EN' \
--data-urlencode 'redirect_uri=https://www.example.com/callback?x=1&y=2' \
--data-urlencode 'code=1000.9f1cxxxxxxxxxxxxxxxx.1d9bxxxxxxxxxxxxxxxx'
