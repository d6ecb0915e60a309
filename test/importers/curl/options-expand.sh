# expect: DLG6106 DLG6109 DLG6109
# curl 8.3's --expand-url, --expand-header and --expand-data are --url, -H and -d with {{name}} replaced by the
# --variable of that name: read as those options, their text as written (the variable is not set here), with a
# DLG6109 where a {{…}} stays; without one (--expand-data) nothing changes. No 'no URL' error.
curl --variable id=410405000002264040 --expand-url 'https://www.zohoapis.com/crm/v7/Leads/{{id}}' --expand-header 'X-Request-Id: {{id}}' --expand-data 'a=1'
