# expect: DLG6112 DLG6112
# Credential fields under other names than the usual ones: a form's `token` (a router's login form), a query's `secret`
# and a JSON body's `session_token_v2` become placeholders, as `deluge lint` and `deluge emit --to curl` treat them.
curl 'https://router.example.com/cgi-bin/luci/admin?secret=Q7w9Er2tY4uI' --form 'token="9d96aaaaaaaaaaaaaaaaaaaaaaaa3541"' --form 'cbi.submit="1"'
curl https://api.example.com/v2/sessions -H 'Content-Type: application/json' -d '{"user":"ops","session_token_v2":"eyJhbGciOiJIUzI1NiJ9.e30.X9x"}'
