-- wrk script: POST a v3 batch/read (translated to v4 by HubGate) with the Authorization header in WRK_AUTH.
wrk.method = "POST"
wrk.body = '{"inputs":[{"id":"101"},{"id":"102"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("WRK_AUTH")
