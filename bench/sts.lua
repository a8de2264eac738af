-- wrk script: the request `aws sts get-caller-identity` sends (query protocol, unsigned here;
-- signing is the client's cost, not ours).
wrk.method = "POST"
wrk.body = "Action=GetCallerIdentity&Version=2011-06-15"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8"
