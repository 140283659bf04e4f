-- wrk script of bench/serve.sh: POST /v1/annotate with one JSON document (the file named by
-- the BODY environment variable).
local f = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
