# expect: DLG6119
# Postman's {{baseUrl}} in front of the path: the variable brings the scheme and host, so none is added.
curl --location '{{baseUrl}}/crm/v7/Leads'
