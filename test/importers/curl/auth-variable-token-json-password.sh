# expect: DLG6112 DLG6112
# An Authorization scheme other than Bearer/Basic, from a shell variable (no DLG6109: the connection replaces it), and a password in a JSON body (a placeholder).
curl -X POST https://api.example.com/v1/accounts/ops/password -H "Authorization: Token $API_TOKEN" --json '{"user":"ops","password":"Hunter-22!"}'
