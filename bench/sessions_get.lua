-- GET requests where each wrk thread is one person: thread n sends the n-th
-- session cookie of BENCH_COOKIES (cookies separated by newlines). With
-- BENCH_CLOSE=1 every request comes on a connection of its own, as nginx
-- forwards requests to gunicorn (docs/production.md: no upstream keep-alive).
local cookies = {}
for line in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^\n]+") do
  table.insert(cookies, line)
end
local close = os.getenv("BENCH_CLOSE") == "1"
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("cookie", cookies[(threads - 1) % #cookies + 1])
end
request = function()
  local headers = {["Cookie"] = cookie}
  if close then headers["Connection"] = "close" end
  return wrk.format("GET", nil, headers)
end
