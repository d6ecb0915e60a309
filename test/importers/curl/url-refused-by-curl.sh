# expect: DLG6132 DLG6132 DLG6132
# curl refuses a URL holding a space or a control character, even at its ends or only once -G adds its data (urlapi.c
# junkscan; curl 7.88 stops with "URL using bad/illegal format or missing URL", exit 3): the script requests the URL
# as written (without the blanks at its ends), with a warning, never a URL quietly repaired.
curl 'https://api.example.com/v1/files/annual report.pdf'
curl ' https://api.example.com/v1/files/summary.pdf'
curl -G -d 'q=open tickets' https://api.example.com/v1/search
