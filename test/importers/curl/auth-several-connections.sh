# expect: DLG6112 DLG6112
# Several commands: the Zoho token is the --connection, a different credential gets NAME_2 (the same one again, the same connection).
curl https://www.zohoapis.com/crm/v7/Deals/4150868000001 -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx'
curl -H 'Authorization: Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc' https://api.payments.example/v1/charges/ch_1
curl -H 'Authorization: Bearer sk_test_4eC39HqLyjWDarjtT1zdp7dc' https://api.payments.example/v1/refunds -d charge=ch_1
