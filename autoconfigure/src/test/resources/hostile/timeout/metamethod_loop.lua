local t = setmetatable({}, { __index = function(t, k) return k end })
while true do local _ = t.x end
