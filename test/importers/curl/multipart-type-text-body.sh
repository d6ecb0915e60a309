# expect: DLG6139
# A multipart Content-Type over a body that is no multipart form (the boundary's parts lost in the copy): invokeurl
# makes a multipart request only from a map of fields, so the script sends the text as it is, under text/plain.
curl -X POST 'https://api.example.com/v1/notes' -H 'Content-Type: multipart/form-data; boundary=abc' -d 'a=1&b=2'
