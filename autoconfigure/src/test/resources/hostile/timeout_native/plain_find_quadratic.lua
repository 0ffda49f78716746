-- LuaJIT's plain search is naive: this needle against this haystack is 2.5e11 steps.
local s = ('a'):rep(1e6)
return s:find(('a'):rep(5e5) .. 'b', 1, true)
