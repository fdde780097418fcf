-- wrk: each request greets a different name, as real visitors would.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/hello/visitor" .. counter)
end
