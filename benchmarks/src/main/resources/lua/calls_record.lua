local n = ...
local box = { w = 3, h = 4 }
local s = 0
for i = 1, n do
  s = s + api:area(box)
end
return s
