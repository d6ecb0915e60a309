# expect: none
# A form with a repeated field cannot be a map: it is sent as text with its content type.
curl https://api.example.com/v1/filter -d 'tag=red' -d 'tag=blue' -d 'sort=name'
