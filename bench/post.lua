-- wrk script: POSTs a new event per request, ids unique across threads and runs; counts the
-- acknowledgements (201) apart from anything else.
local thread_count = 0
local run = os.getenv("RUN") or tostring(os.time())
function setup(thread)
  thread_count = thread_count + 1
  thread:set("tid", thread_count)
end
function init(args)
  n = 0
  created = 0
  other = 0
end
function request()
  n = n + 1
  local id = string.format("bench-%s-%d-%d", run, tid, n)
  local body = string.format('{"id":"%s","title":"Benchmark write %d","type":"meeting",' ..
    '"countries":["JP","VN"],"participants":[{"id":"taro-kono"}]}', id, n)
  return wrk.format("POST", "/v1/events", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. os.getenv("TOKEN"),
  }, body)
end
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
