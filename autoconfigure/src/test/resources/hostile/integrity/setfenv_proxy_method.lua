leaked = true
setfenv(world.get_hp, { co_yield = function() tally:count() return 0 end })
