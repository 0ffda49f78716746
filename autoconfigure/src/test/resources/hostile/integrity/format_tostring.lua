-- string.format("%s") calls __tostring from C.
local mt = {}
mt.__tostring = function(t) return string.format("%s", t) end
return string.format("%s", setmetatable({}, mt))
