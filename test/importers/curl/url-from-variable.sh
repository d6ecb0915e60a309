# expect: DLG6109
# A URL that starts with a variable (as a script kept in a repository writes its base URL): the variable brings the
# scheme, so none is added (filled in, http:// in front would make http://https://…).
curl "$BASE_URL/crm/v7/Leads?fields=Last_Name" -H 'Accept: application/json'
