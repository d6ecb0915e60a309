# expect: DLG6139
# A multipart Content-Type over compact JSON: as a map, the script would send it as form fields; it sends the text.
curl https://api.example.com/v1/notes -H 'Content-Type: multipart/form-data' --data-raw '{"title":"Call back","done":false}'
