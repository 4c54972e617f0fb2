-- wrk script: cycles through the paths in the file named by URLS (one per line), each thread
-- starting at its own offset, so that every path is requested again and again.
local paths = {}
local file = os.getenv("URLS")
for line in io.lines(file) do paths[#paths + 1] = line end
local counter = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 97)
end
function init(args)
  counter = offset or 0
end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
