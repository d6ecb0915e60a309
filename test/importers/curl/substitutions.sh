# expect: DLG6110
# $(printf '…') with escapes only is read as its output; any other command substitution is kept as text.
curl https://api.example.com/v1/echo -H 'Content-Type: text/plain' --data-raw 'bell:'"$(printf '\007\033')"':end' -H "X-Date: $(date -u +%F)"
