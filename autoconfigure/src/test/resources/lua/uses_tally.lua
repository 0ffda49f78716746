local tally = require("lib/tally")
tally.add(2)
return tally.add(world:get_hp(1))
