-- Levels above the chunk belong to the sandbox's trampoline.
leaked = true
local tostring, table, pcall, setfenv = tostring, table, pcall, setfenv
local messages = {}
for level = 2, 5 do
  local ok, err = pcall(function() setfenv(level + 2, {}) end)
  messages[#messages + 1] = tostring(err)
end
return table.concat(messages, "; ")
