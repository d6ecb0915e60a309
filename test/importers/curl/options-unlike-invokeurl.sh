# expect: DLG6106 DLG6106 DLG6106 DLG6106 DLG6106
# Options that change what is sent or where, as invokeurl does not: the protocol version, TE, redirect rules.
curl -0 --tr-encoding -L --post302 --max-redirs 2 --location-trusted -d 'a=1' https://api.example.com/form
