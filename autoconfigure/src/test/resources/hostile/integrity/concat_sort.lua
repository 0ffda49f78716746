-- __lt through the string metatable-free path: sort of tables whose __lt sorts again via a comparator-free call in pcall.
local mt = {}
mt.__lt = function(a, b)
  local ok, err = pcall(table.sort, { setmetatable({}, mt), setmetatable({}, mt) })
  if not ok then error(err, 0) end
  return false
end
table.sort({ setmetatable({}, mt), setmetatable({}, mt) })
