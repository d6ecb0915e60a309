# expect: DLG6112 DLG6120
# A user name and password in a URL without its scheme (curl adds http://): the password stays out of the message too.
curl 'bot:t0p-s3cret@api.example.com/v1/weather?city=Chennai'
