# expect: DLG6137
# $'caf\xe9' is the byte E9, not UTF-8 text: curl sends it as it is; a Deluge text holds the character é (two bytes).
curl https://api.example.com/items -H 'Content-Type: text/plain' --data-binary $'caf\xe9'
