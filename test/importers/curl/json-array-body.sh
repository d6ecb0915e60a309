# expect: none
# A JSON array at the top level (a list's toString() would drop its brackets): sent as its text.
curl https://api.example.com/v1/batch -H 'Content-Type: application/json' -d '[{"a":1},{"b":[1,2,[3]]}]'
