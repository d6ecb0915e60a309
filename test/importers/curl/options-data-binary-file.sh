# expect: none
# --data-binary @file keeps the file's line breaks (-d would drop them).
curl https://api.example.com/v1/import -H 'Content-Type: text/csv' --data-binary @rows.csv
