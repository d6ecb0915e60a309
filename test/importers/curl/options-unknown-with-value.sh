# expect: DLG6105 DLG6105 DLG6105
# Options curl does not have, each with a value that may be a secret: the values are not requested as URLs (curl
# itself stops with "is unknown"); an unknown option before a URL leaves the URL as it is.
curl https://api.example.com/v1/items --auth bob:p4ssw0rd --bearer sk_live_abcdef123456 --compresed https://api.example.com/v1/other
