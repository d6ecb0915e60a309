# expect: none
# Each -T goes to the URL in the same place (the first file to the first URL, …), as curl pairs them; a URL without
# a -T of its own is a GET.
curl -H 'Content-Type: text/plain' -T word.txt https://storage.example.com/a/ -T rows.csv https://storage.example.com/b/ https://storage.example.com/c
