local s = ('a'):rep(4e6)
return s:find(('a'):rep(2e6) .. 'b', 1, true)
