leaked = true
setfenv(coroutine.wrap, { co_create = function() tally:count() end })
