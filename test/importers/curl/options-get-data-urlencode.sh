# expect: none
# -G moves the data into the query; --data-urlencode in all its forms: content, =content, name=content, @file, name@file.
curl -G https://www.zohoapis.com/crm/v7/Leads/search \
  -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx' \
  --data-urlencode 'criteria=(Company:equals:Chennai Textiles & Co)' \
  --data-urlencode '=raw piece' \
  --data-urlencode 'plain piece' \
  --data-urlencode @word.txt \
  --data-urlencode 'note@word.txt' \
  -d per_page=5
