-- Fill the coroutine's Lua stack almost to LuaJIT's limit, then have Java push a deeply
-- nested endpoint result into it.
local depth = 0
local function dive() depth = depth + 1 return 1 + dive() end
pcall(dive)
local function probe(n)
  if n == 0 then local r = world:nested(63) return 0 end
  return 1 + probe(n - 1)
end
local reached = 0
for n = depth, depth - 300, -1 do
  local ok, err = pcall(probe, n)
  if ok or not tostring(err):find("stack overflow") then reached = n break end
end
local f = load("return 1 + 1")
return reached > 0 and f()
