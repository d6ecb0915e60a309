# expect: none
# PowerShell reads ‘ ’ ‚ ‛ as single quotes and “ ” „ as double quotes (a pair of any two is one, escaped), inside a
# word too; ` escapes “ in a double-quoted string. As deluge emit --to curl --shell powershell writes them.
curl.exe https://api.example.com/v1/notes `
  -H 'X-Note: it''s' `
  --data-urlencode 'title=‘‘done’’ it''s “so”' `
  --data-urlencode "note=`“hi`” ““there”” ‘x’" `
  --data-urlencode ‘text=a “b” c’’s’
