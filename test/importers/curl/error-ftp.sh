# expect: DLG6121
# Not HTTP: invokeurl cannot request ftp:// URLs.
curl ftp://files.example.com/pub/readme.txt
