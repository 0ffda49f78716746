-- A goblin fights, but flees from the nearest enemy once it is badly hurt.
local common = require("ai/common")

return function(self)
  if world:get_hp(self) * 10 < world:max_hp(self) * 3 then
    local threat = world:enemies_near(self, 5)[1]
    if threat ~= nil then
      common.step_away(self, threat)
      return "flees from " .. world:name(threat)
    end
  end
  return common.fight(self, 8)
end
