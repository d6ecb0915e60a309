# expect: none
# bash: curl.exe, $env: and a line ending in a backtick inside single quotes are data, not PowerShell.
curl 'https://api.example.com/v1/notes' \
  -H 'Content-Type: text/plain' \
  --data-raw 'Run: curl.exe in $env:TEMP and it'\''s done
use `code` and more `
end'
