# expect: DLG6119 DLG6120
# No scheme (http:// is added) and a {…} glob that curl would expand.
curl example.com/api/{alpha,beta}/status
