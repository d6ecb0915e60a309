# expect: DLG6122
# An unquoted -F value ends at its first ';' (curl skips the rest as an unknown field detail and sends "Receipt #1").
curl https://www.zohoapis.com/crm/v8/Leads/410405000002264040/Notes -F 'note=Receipt #1; final' -F 'title=" quoted; kept "'
