# expect: DLG6118
# -X GET with -d: the body is sent with the GET, as curl does.
curl -X GET https://api.example.com/v1/reports -d 'from=2024-01-01&to=2024-03-31'
