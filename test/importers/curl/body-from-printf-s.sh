# expect: none
# printf '%s' writes its arguments as they are, escapes and % included (deluge emit's form for a body over 120 KiB).
printf '%s' '{"note":"100% \t done"}' | curl https://x.example/a -H 'Content-Type: application/json' --data-binary @-
