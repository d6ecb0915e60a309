# expect: none
# Words a shell runs curl through — time, command, exec, nohup, env with its NAME=value — are skipped as sudo is.
time curl https://www.zohoapis.com/crm/v7/org -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx'
env ZOHO_DC=com nohup command curl https://www.zohoapis.com/crm/v7/users?type=ActiveUsers -H 'Authorization: Zoho-oauthtoken 1000.aaaaxxxxxxxxxxxxxxxxxx.bbbbxxxxxxxxxxxxxxxx'
