-- wrk script: GET one record's associations with the Authorization header given in WRK_AUTH.
wrk.method = "GET"
wrk.headers["Authorization"] = os.getenv("WRK_AUTH")
