-- table.sort without a comparator calls __lt from C: each level recurses on the native stack.
local mt = {}
mt.__lt = function(a, b)
  table.sort({ setmetatable({}, mt), setmetatable({}, mt), setmetatable({}, mt) })
  return false
end
table.sort({ setmetatable({}, mt), setmetatable({}, mt), setmetatable({}, mt) })
