# expect: DLG6111 DLG6111
# Zoho Expense's pagination sample as a copy of the page holds it: the `\`-continued lines run into one, so bash would
# make ` -H` a URL and each header another. The headers are meant, and the token must not become a URL.
$ curl -X GET 'https://www.zohoapis.com/expense/v1/contacts?page=2&per_page=25' \ -H 'X-com-zoho-expense-organizationid: 11352208' \ -H 'Authorization: Zoho-oauthtoken 1000.6e80xxxxxxxxxxxxxxxxxxxxxxxx8a80'
