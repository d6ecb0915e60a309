# expect: DLG6112 DLG6111
# Zoho Accounts: refresh an access token (parameters in the query, no token header, so no connection); refresh_token and client_secret become placeholders.
curl "https://accounts.zoho.com/oauth/v2/token?refresh_token=1000.3ph66xxxxxxxxxxxxxxxx2ab0.9c2exxxxxxxxxxxxxxxx58&client_id=1000.GMB0YULZHJK411248S8I5GZ4CHUEX0&client_secret=122c324d4cxxxxxxxxxxxxxxxxxxxd2a&grant_type=refresh_token"
-X POST
