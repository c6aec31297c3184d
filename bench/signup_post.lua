-- Sign-up POSTs with a unique e-mail per request. CSRF token and session
-- cookie come from the environment (fetched once by the benchmark).
local counter = 0
local thread_id = 0
local token = os.getenv("BENCH_CSRF")
local cookie = os.getenv("BENCH_COOKIE")
local path = os.getenv("BENCH_PATH")

setup = function(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

request = function()
  counter = counter + 1
  local email = string.format("bench-%d-%d-%d@example.org", tid or 0, counter, math.random(1, 1e9))
  local body = "csrf_token=" .. token .. "&name=Bench&email=" .. email
    .. "&childcare_count=0&consent=y"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end
