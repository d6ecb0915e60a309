# expect: DLG6113
# -I (HEAD): invokeurl cannot send HEAD, so the script sends GET.
curl -I https://www.zohoapis.com/crm/v7/Leads/410405000002264040
