# expect: DLG6112
# A shell prompt before curl, and --oauth2-bearer (a bearer connection, DLG6112).
$ curl --oauth2-bearer eyJhbGciOiJIUzI1NiJ9.e30.sig https://api.example.com/v1/profile
