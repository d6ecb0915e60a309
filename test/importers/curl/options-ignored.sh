# expect: DLG6106 DLG6106 DLG6106 DLG6106 DLG6106 DLG6123
# Options with no invokeurl equivalent: output, TLS, timeouts, retries; a redirection.
curl -sSL -k --compressed -v -o leads.json --max-time 10 --retry 3 --connect-timeout 5 \
  https://www.zohoapis.com/crm/v7/Leads 2>/dev/null
