-- POST /api/scripts/combat/on_hit  [attacker, target]
local hit = require("combat/hit")
local attacker, target = ...
local outcome = hit(attacker, target)
return outcome
