-- A healer mends the most wounded ally in reach, and fights only when nobody needs it.
local common = require("ai/common")

return function(self)
  local worst, worst_ratio = nil, 1
  for _, ally in ipairs(world:allies_near(self, 3)) do
    local ratio = world:get_hp(ally) / world:max_hp(ally)
    if ratio < worst_ratio then
      worst, worst_ratio = ally, ratio
    end
  end
  if worst ~= nil then
    local amount = dice:roll(4) + 2
    local hp = world:heal(worst, amount)
    log:write(string.format("%s heals %s to %d", world:name(self), world:name(worst), hp))
    return "heals " .. world:name(worst)
  end
  return common.fight(self, 4)
end
