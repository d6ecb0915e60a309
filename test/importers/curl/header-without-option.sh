# expect: DLG6130 DLG6130
# Headers whose -H was lost: curl would request each as a URL (http://Authorization: Zoho-oauthtoken …).
curl https://www.zohoapis.com/crm/v8/Leads 'Authorization: Zoho-oauthtoken 1000.abcSECRET123.def456' 'X-Request-Id: 42'
