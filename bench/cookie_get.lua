-- GET requests with a logged-in session cookie from the environment.
local cookie = os.getenv("BENCH_COOKIE")
request = function()
  return wrk.format("GET", nil, {["Cookie"] = cookie})
end
