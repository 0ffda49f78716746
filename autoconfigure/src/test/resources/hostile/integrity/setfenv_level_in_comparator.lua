-- From inside a comparator, the levels above belong to table.sort and the sandbox's
-- helpers: give each the attacker's environment, and report what happened.
leaked = true
local tostring, table, pcall, setfenv = tostring, table, pcall, setfenv
local evil = { table = { maxn = function() tally:count() return 0 end }, pcall = pcall, unpack = unpack }
local messages = {}
table.sort({ 3, 1, 2 }, function(a, b)
  for level = 2, 8 do
    -- Two more levels for the closure and pcall, so that `level` counts from the comparator.
    local ok, err = pcall(function() setfenv(level + 2, evil) end)
    messages[#messages + 1] = tostring(err)
  end
  return a < b
end)
return table.concat(messages, "; ")
