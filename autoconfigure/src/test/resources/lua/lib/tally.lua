-- A module with state: each invocation must start from zero.
local count = 0
local tally = {}

function tally.add(n)
  count = count + (n or 1)
  return count
end

return tally
