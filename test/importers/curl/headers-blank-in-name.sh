# expect: DLG6134 DLG6134
# curl sends -H 'X-Thing : v' as written, with a blank before ':' that HTTP forbids (RFC 9112 §5.1: a server answers
# 400); the script sends the header 'X-Thing', with a warning.
curl https://api.example.com/v1/items -H 'X-Thing : v' -H 'X-Empty ;'
