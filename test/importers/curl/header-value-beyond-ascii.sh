# expect: DLG6136
# A header value with a character beyond ASCII: curl sends its UTF-8 bytes, invokeurl one Latin-1 byte.
curl https://api.example.com/items -H 'X-Name: café'
