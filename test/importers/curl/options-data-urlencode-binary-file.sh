# expect: none
# --data-urlencode name@file encodes the file's bytes one by one: a file that is not text becomes ASCII text too.
curl https://x.example/ --data-urlencode a@bytes.bin --data-urlencode b@word.txt
