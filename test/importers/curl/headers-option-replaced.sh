# expect: DLG6116 DLG6116
# A -H header replaces the one an option makes (-A, -r), whichever comes first: curl sends the -H one alone.
curl https://x.example.com/f -A 'first' -H 'User-Agent: second' -H 'Range: bytes=5-6' -r 0-1
