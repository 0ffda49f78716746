-- Which endpoints this script's grant lets it see.
local seen = {}
for _, name in ipairs({ "world", "admin" }) do
  if _G[name] ~= nil then seen[#seen + 1] = name end
end
return table.concat(seen, ",")
