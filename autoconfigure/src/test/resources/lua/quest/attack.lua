-- One creature attacks another: a die roll decides the damage.
local attacker, target = ...

local before = world:get_hp(target)
local roll = dice:roll(6)
local left = world:damage(target, roll * 2)
journal:write(attacker .. " hits " .. target .. " for " .. (before - left))

return { target = target, roll = roll, left = left }
