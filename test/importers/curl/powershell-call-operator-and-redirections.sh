# expect: DLG6123 DLG6123
# PowerShell: `&` runs curl.exe by its quoted path; `2>$null` and `> log.txt` are redirections curl never sees.
& "C:\Program Files\curl\bin\curl.exe" https://api.example.com/items -H "Accept: application/json" 2>$null > log.txt
