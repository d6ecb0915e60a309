# expect: DLG6112 DLG6131 DLG6122 DLG6122
# Warnings that quote the command name no credential in it: the URL of a split 'https:// host' with its
# credential fields masked, and a form field cut at ';' without its value when the field is a credential.
curl https:// api.example.com/v1/upload?api_key=abcdef123456 -F 'password=s3cr3tP4ss ;x' -F 'note=a ;b'
