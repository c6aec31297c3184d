-- GET requests where each wrk thread is one person: thread n sends the n-th
-- session cookie of BENCH_COOKIES (cookies separated by newlines).
local cookies = {}
for line in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^\n]+") do
  table.insert(cookies, line)
end
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("cookie", cookies[(threads - 1) % #cookies + 1])
end
request = function()
  return wrk.format("GET", nil, {["Cookie"] = cookie})
end
