# expect: DLG6116 DLG6112
# Two URLs share the command's options: a header given twice, or a cookie, is said once, not once per URL.
curl -H 'X-Trace: a' -H 'x-trace: b' -b 'sid=abcdef12' https://www.zohoapis.com/crm/v7/org https://www.zohoapis.com/crm/v7/users
