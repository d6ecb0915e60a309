# expect: none
# Chrome copies a multipart form as its raw text with the boundary: read back as form fields.
curl 'https://forms.example.com/submit' \
  -H 'content-type: multipart/form-data; boundary=----WebKitFormBoundaryu7Fx2Lk9' \
  --data-raw $'------WebKitFormBoundaryu7Fx2Lk9\r\nContent-Disposition: form-data; name="title"\r\n\r\nQuarterly report\r\n------WebKitFormBoundaryu7Fx2Lk9\r\nContent-Disposition: form-data; name="year"\r\n\r\n2024\r\n------WebKitFormBoundaryu7Fx2Lk9--\r\n'
