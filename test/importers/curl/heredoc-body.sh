# expect: none
# The body from a here-document (--data-binary @- <<'EOF'), as an emitter writes bodies with odd characters.
curl https://api.example.com/v1/notes -H 'Content-Type: text/plain' --data-binary @- <<'EOF'
line one with 'quotes' and $dollars
line two
EOF
