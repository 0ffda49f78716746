-- One world turn: every living creature acts once, in id order, by its kind's AI.
local ai = {
  goblin = require("ai/goblin"),
  healer = require("ai/healer"),
  knight = require("ai/knight"),
}

local actions = {}
for _, id in ipairs(world:living_creatures()) do
  -- A creature killed earlier in this turn does not act.
  if world:alive(id) then
    local act = ai[world:kind(id)] or ai.knight
    actions[#actions + 1] = world:name(id) .. " " .. act(id)
  end
end
log:write("turn " .. log:turn() .. ": " .. #actions .. " creatures acted")
return actions
