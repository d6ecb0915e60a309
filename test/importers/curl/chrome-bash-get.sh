# expect: DLG6112
# Chrome DevTools > Network > Copy > Copy as cURL (bash), a GET with the browser's headers; its cookies (a browser session) become the placeholder "<cookie>".
curl 'https://crm.example.com/api/v1/records?module=Leads&page=2&per_page=50' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-GB,en;q=0.9' \
  -b 'crmcsr=5a2c1f9e; _iamadt=7f3e2d1c' \
  -H 'referer: https://crm.example.com/leads' \
  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"' \
  -H 'sec-ch-ua-mobile: ?0' \
  -H 'sec-fetch-mode: cors' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' \
  --compressed
