# expect: DLG6109
# A here-string with a shell variable: the variable is reported as in any other word.
curl -H 'Content-Type: text/plain' --data-binary @- https://api.example.com/v1/notes <<< $NOTE_TEXT
