-- wrk script: POST a v4 batch/read with the Authorization header given in WRK_AUTH.
wrk.method = "POST"
wrk.body = '{"inputs":[{"id":"101"},{"id":"102"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = os.getenv("WRK_AUTH")
