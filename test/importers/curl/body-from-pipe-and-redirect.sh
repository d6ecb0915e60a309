# expect: none
# The body through standard input: piped from echo, from cat, and redirected from a file (-d @- reads it).
echo '{"Last_Name":"Piped"}' | curl -H 'Content-Type: application/json' -d @- https://api.example.com/v1/leads
cat newlead.json | curl -H 'Content-Type: application/json' --data-binary @- https://api.example.com/v1/leads
curl -H 'Content-Type: application/json' --data-binary @- https://api.example.com/v1/leads < newlead.json
