-- Helpers every creature's AI shares.
local hit = require("combat/hit")
local common = {}

function common.step_towards(self, other)
  local from, to = world:position(self), world:position(other)
  return world:move(self, to.x - from.x, to.y - from.y)
end

function common.step_away(self, other)
  local from, to = world:position(self), world:position(other)
  return world:move(self, from.x - to.x, from.y - to.y)
end

-- Attacks the nearest enemy in reach, or walks towards the nearest one in sight.
function common.fight(self, sight)
  local enemies = world:enemies_near(self, sight)
  local target = enemies[1]
  if target == nil then
    return "waits"
  end
  if world:distance(self, target) <= 1 then
    local outcome = hit(self, target)
    return outcome.hit and ("hits " .. world:name(target)) or ("misses " .. world:name(target))
  end
  common.step_towards(self, target)
  return "advances on " .. world:name(target)
end

return common
