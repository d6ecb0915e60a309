# expect: DLG6123 DLG6123 DLG6123
# cmd: `@` only hides the echo; `> file`, `2>nul` and a pipe are the shell's; `%C3%A9` is percent-encoding, not a variable.
@curl ^"https://api.example.com/search?q=caf%C3%A9^&tag=%E2%82%AC^" ^
  -H ^"accept: application/json^" > items.json 2>nul | findstr id
