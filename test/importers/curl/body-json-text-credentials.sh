# expect: DLG6112
# A JSON body kept as written (12.50 keeps its zero): its password is a placeholder in the text all the same.
curl https://x.example.com/login -H 'Content-Type: application/json' -d '{"password":"S3cretJsonPw","amount":12.50,"user":{"api_key": "k3yInNestedJson"}}'
