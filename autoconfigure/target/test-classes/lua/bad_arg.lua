local id = ...

local hp = world:get_hp("not a number")
return hp
