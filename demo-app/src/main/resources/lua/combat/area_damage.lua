-- A blast around a creature: everyone within the radius, friend or foe, takes the damage.
local center, radius, amount = ...

local hit = {}
for _, id in ipairs(world:creatures_near(center, radius)) do
  local left = world:damage(id, amount)
  hit[#hit + 1] = { id = id, left = left }
end
log:write(string.format("a blast around %s hits %d creatures", world:name(center), #hit))
return hit
