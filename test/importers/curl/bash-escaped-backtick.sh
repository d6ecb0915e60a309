# expect: none
# A backtick escaped inside double quotes is a backtick, as bash passes it to curl (no command is run).
curl https://api.example.com/v1/notes -H "X-Note: run \`date\` now" --data-raw "text=a \`tick\`"
