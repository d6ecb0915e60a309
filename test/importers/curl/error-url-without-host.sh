# expect: DLG6104 DLG6111 DLG6104 DLG6104 DLG6104
# Zoho's bulk-write page has `curl ""` (its URL left out); a URL that is only a scheme, or a port without a host
# (with user info or without; the message leaves its password out), has no host either. curl stops with "URL using
# bad/illegal format or missing URL"; the import makes no request of them.
curl ""
-H "Authorization: Zoho-oauthtoken 1000.8cb99dxxxxxxxxxxxxx9be93.9b8xxxxxxxxxxxxxxxf"
curl -X GET "https://"
curl "https://:80/a"
curl "https://user:hunter22@:8443/a"
