# expect: DLG6135
# `--dat` starts --data, --data-ascii, --data-binary …: curl refuses the command, and so does the import.
curl --dat 'a=1' https://x.example.com/ok
