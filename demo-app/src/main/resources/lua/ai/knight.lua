-- A knight seeks the nearest enemy and fights.
local common = require("ai/common")

return function(self)
  return common.fight(self, 20)
end
