# expect: DLG6103
# An unclosed $'…' (ANSI-C quote): the one error, and no follow-on (its text once read as a variable, $abc: DLG6109).
curl 'https://api.example.com/v1/notes' --data-raw $'abc
