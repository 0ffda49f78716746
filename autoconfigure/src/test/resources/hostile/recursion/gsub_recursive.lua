local function f(n) return (string.gsub("x", "x", function() return f(n + 1) end)) end
return f(1)
