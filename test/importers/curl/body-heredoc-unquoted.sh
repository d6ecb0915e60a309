# expect: DLG6109 DLG6109 DLG6109 DLG6110
# A here-document whose delimiter is not quoted: the shell expands it as a text in double quotes (\$ is $, a variable
# its placeholder, a command substitution kept as text); a quoted one (<<'EOF') is sent as written.
curl -s https://api.example.com/v1/notes -H 'Content-Type: text/plain' --data-binary @- <<EOF
Hello $NAME \$x `echo` tab \\ back ${GREETING:-hi} $1
EOF
