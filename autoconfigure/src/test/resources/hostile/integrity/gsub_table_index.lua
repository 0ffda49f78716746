-- A replacement table's __index runs from inside gsub.
local mt = {}
local repl = setmetatable({}, mt)
mt.__index = function(t, k) return (("a"):gsub("a", repl)) end
return (("a"):gsub("a", repl))
