# expect: DLG6101 DLG6115
# What a command other than echo, cat or printf of text writes into the pipe is not known: the body is a placeholder.
jq -n '{a: 1}' | curl https://api.example.com/items --json @-
