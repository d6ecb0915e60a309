# expect: none
# Prompts pasted with the commands (bash, zsh, a continuation '>', user@host, cmd) and runners with their
# options before curl: each is the curl command after it.
> curl https://api.example.com/v1/a
% curl https://api.example.com/v1/b
user@host:~/work$ curl https://api.example.com/v1/c
sudo -E -u admin curl https://api.example.com/v1/d
C:\Users\me>curl https://api.example.com/v1/e
