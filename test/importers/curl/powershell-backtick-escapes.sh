# expect: none
# PowerShell: backtick escapes in and out of double quotes, `u{…} included (its tokenizer's Backtick()).
curl.exe https://api.example.com/x -H X-Sep:a`tb -d "name=Caf`u{e9}&mark=`u{2713}"
