# expect: DLG6114
# -X post: curl sends "post" as written; invokeurl sends POST. -XPOST clusters; -d implies POST anyway.
curl -X post https://api.example.com/v1/events -d 'type=signup' -d 'plan=pro'
