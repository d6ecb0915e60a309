# expect: DLG6112
# Postman's "Basic Auth" export: the Authorization header becomes a basic connection; neither its Base64 nor the password is written.
curl --location 'https://api.example.com/v2/invoices?status=open' \
--header 'Accept: application/json' \
--header 'Authorization: Basic c3luYy1ib3Q6UGE1NS13MHJkIQ=='
