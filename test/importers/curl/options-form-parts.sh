# expect: DLG6122
# -F in its forms: a text field, a file with ;type= and ;filename=, a field read from a file (<), --form-string, a field's ;type= (lost).
curl https://www.zohoapis.com/workdrive/api/v1/upload \
  -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx' \
  -F parent_id=ly2ct5c0e3a7d1f4b4d4 \
  -F 'content=@word.txt;type=application/octet-stream;filename=upload.txt' \
  -F 'summary=<word.txt' \
  --form-string 'literal=@not-a-file;type=x' \
  -F 'meta={"a":1};type=application/json'
