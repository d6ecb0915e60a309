# expect: DLG6109 DLG6109
# A data centre from a shell variable with a default, as scripts shared across regions write it: the shell's default
# (com) is used with the variable unset, and said; a variable with no default stays a placeholder.
curl -X DELETE "https://www.zohoapis.${ZOHO_DC:-com}/crm/v7/Leads?ids=410405000002264040&wf_trigger=${WF_TRIGGER}" -H "Authorization: Zoho-oauthtoken $ZOHO_TOKEN"
