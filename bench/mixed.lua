-- wrk: each connection mixes greetings (answered after the wait, off the event loop) with the index page
-- (answered at once), as a browser does with a page and its links. A connection that stops reading shows as
-- timeouts, or as read errors once server.netty.idle-timeout closes it.
local counter = 0
request = function()
  counter = counter + 1
  if counter % 2 == 0 then
    return wrk.format("GET", "/")
  end
  return wrk.format("GET", "/hello/visitor" .. counter)
end
