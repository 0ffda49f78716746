-- Applies a hit and reports what is left.
local target, amount = ...
world:damage(target, amount)
local left = world:get_hp(target)
return { target = target, left = left, dead = left <= 0 }
