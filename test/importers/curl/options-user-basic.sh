# expect: DLG6112
# -u: Basic authentication becomes a basic connection (DLG6112 says how to define it); the password is written nowhere.
curl -u 'api_user:s3cr3t:with:colons' https://api.example.com/v1/me
