-- Run granted only 'world', after stash.lua on the same state: looks for what it left.
local found = {}
for _, place in ipairs({ string, table, math, os, coroutine, _G }) do
  if rawget(place, "stash") ~= nil or place.stash ~= nil then found[#found + 1] = tostring(place) end
end
-- A proxy answers every name with a function (one that reports a missing method).
if rawget(world, "stash") ~= nil then found[#found + 1] = "world" end
return #found
