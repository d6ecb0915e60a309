# expect: DLG6117
# Firefox "Copy as cURL": one line, -X POST spelled out, a form body, and the Connection header Firefox copies (left out).
curl 'https://www.example.com/login' -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: text/html,application/xhtml+xml' -H 'Content-Type: application/x-www-form-urlencoded' -H 'Origin: https://www.example.com' -H 'Connection: keep-alive' --data-raw 'user=asha%40example.com&remember=on&next=%2Fdashboard%3Ftab%3D1'
