-- Looks for the endpoint 'admin', which the invocation's grant leaves out, everywhere a
-- script can look without debug: returns the places where it was found, comma-separated.
local found = {}
local function check(place, value)
  if value ~= nil then found[#found + 1] = place end
end
check("global", admin)
check("_G", _G.admin)
check("rawget", rawget(_G, "admin"))
check("getfenv", getfenv(1).admin)
local fenv_ok, print_env = pcall(getfenv, print)
check("getfenv(print)", fenv_ok and print_env.admin or nil)
local c_ok, c_env = pcall(getfenv, ipairs)
check("getfenv(ipairs)", c_ok and c_env.admin or nil)
local ok, module = pcall(require, "admin")
check("require", ok and module or nil)
check("load", load("return admin")())
check("loadstring", loadstring("return admin")())
check("coroutine", coroutine.wrap(function() return admin end)())
for name, value in pairs(_G) do
  if name == "admin" then check("pairs", value) end
end
admin = nil
check("after assigning nil", admin)
local mt = getmetatable(_G)
check("metatable", type(mt) == "table" and mt.__index and mt.__index.admin or nil)
local proxy_mt = getmetatable(world)
check("world's metatable", type(proxy_mt) == "table" and proxy_mt.__index or nil)
check("string", string.admin)
check("string metatable", type(getmetatable("")) == "table" and getmetatable("").admin or nil)
-- world's methods table is shared by the state: can it be made to hand out another id?
check("world.wipe", rawget(world, "wipe"))
local ok2, message = pcall(function() return world:wipe() end)
if ok2 then found[#found + 1] = "world:wipe" end
return table.concat(found, ",")
