# expect: none
# -G and --url-query on a URL that ends with '?' or '&': curl adds no second separator (/a?a=1, not /a?&a=1).
curl -G 'https://api.example.com/v1/search?' -d q=shoes -d page=2
curl -G 'https://api.example.com/v1/search?sort=asc&' --data-urlencode 'q=red shoes'
curl 'https://api.example.com/v1/items?' --url-query limit=5
