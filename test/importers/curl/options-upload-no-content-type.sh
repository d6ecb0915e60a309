# expect: DLG6133
# curl sends -T's file with no Content-Type; invokeurl sends one with every text body (text/plain unless named), so
# the script names application/octet-stream, what a server may take a body without one for (RFC 9110 §8.3).
curl -T word.txt https://storage.example.com/bucket/
