# expect: DLG6101 DLG6102 DLG6110 DLG6110 DLG6101 DLG6110 DLG6110
# A curl command inside a command substitution, and a code block pasted with its fence: no message echoes what was
# skipped (an API key, a password), and each says to paste the curl command alone.
result=$(curl https://api.example.com/v1 -H 'X-Api-Key: abcSECRET42')
```bash
curl https://api.example.com/a -H "X-Api-Key: SECRETKEY123" -u "bob:PASSWORD99"
```
