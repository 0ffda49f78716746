-- Ordinary pattern use, as rules and mods write it: parse key=value pairs, look a word up,
-- pick a number out, squeeze spaces, trim.
local line = "key=value; other=thing; name=LuaYield; count=42"
local n = 0
for i = 1, 50 do
  for k, v in line:gmatch("(%w+)=(%w+)") do n = n + #k + #v end
  local a = line:find("name", 1, true)
  local b = line:match("count=(%d+)")
  local c = line:gsub("%s+", " ")
  local d = ("  padded  "):match("^%s*(.-)%s*$")
  n = n + a + tonumber(b) + #c + #d
end
return n
