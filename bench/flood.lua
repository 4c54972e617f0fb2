-- wrk script: a flooding client — every request a distinct, uncached and heavy URL (stats and
-- timeline from a date that changes each time), each on a new connection (Connection: close), so
-- that every HTTP thread meets it.
local n = 0
function setup(thread)
  thread:set("base", math.random(1, 1000000) * 1000)
end
function request()
  n = n + 1
  local k = base + n
  local from = string.format("%04d-%02d-%02d", 1990 + k % 35, 1 + k % 12, 1 + k % 28)
  local path
  if n % 2 == 0 then
    path = "/v1/stats?from=" .. from .. "&to=" .. (2000 + k % 30)
  else
    path = "/v1/timeline?from=" .. from .. "&limit=" .. (1 + k % 500)
  end
  return wrk.format("GET", path, { ["Connection"] = "close" })
end
