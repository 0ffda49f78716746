-- One creature hits another: a d6 plus the attacker's best item, if the blow lands.
return function(attacker, target)
  if not world:alive(attacker) then
    error(world:name(attacker) .. " is dead and cannot attack", 2)
  end
  if world:distance(attacker, target) > 1 then
    return { hit = false, reason = "out of reach" }
  end
  if not dice:chance(75) then
    log:write(world:name(attacker) .. " misses " .. world:name(target))
    return { hit = false, reason = "missed" }
  end
  local damage = dice:roll(6) + world:weapon_power(attacker)
  local left = world:damage(target, damage)
  log:write(string.format("%s hits %s for %d (%d left)", world:name(attacker), world:name(target), damage, left))
  if left == 0 then
    log:write(world:name(target) .. " dies")
  end
  return { hit = true, damage = damage, left = left }
end
