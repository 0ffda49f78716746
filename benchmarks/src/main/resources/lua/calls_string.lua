local n = ...
local s = 0
for i = 1, n do
  s = s + api:name_length("goblin")
end
return s
