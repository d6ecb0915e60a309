# expect: none
# bash's printf reads its format's escapes (\xHH, octal, \t, %%) before curl reads the body from the pipe.
printf 'name=caf\xc3\xa9&n=\101&t=a\tb&p=100%%' | curl https://x.example/a --data-binary @-
