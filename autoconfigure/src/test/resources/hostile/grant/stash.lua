-- Run with every endpoint: tries to leave admin's method where a later invocation on the
-- same state, granted less, might find it. Returns how many stores did not fail.
local wipe = admin.wipe
local stored = 0
local function try(f)
  if pcall(f) then stored = stored + 1 end
end
try(function() string.stash = wipe end)
try(function() table.stash = wipe end)
try(function() math.stash = wipe end)
try(function() os.stash = wipe end)
try(function() coroutine.stash = wipe end)
try(function() _G.stash = wipe end)
try(function() rawset(world, "stash", wipe) end)
try(function() getmetatable("").stash = wipe end)
try(function() setmetatable(_G, { __index = { stash = wipe } }) end)
return stored
