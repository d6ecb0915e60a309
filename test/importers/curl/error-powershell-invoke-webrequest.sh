# expect: DLG6101 DLG6102
# Windows PowerShell's curl alias with Invoke-WebRequest's parameters: not curl's options (read as curl, -Uri would be
# -U and the token a URL), so the command is skipped whole.
curl -Uri "https://api.example.com/v1/items" -Method POST -Headers @{"Authorization"="Bearer SECRETtok99abc"}
