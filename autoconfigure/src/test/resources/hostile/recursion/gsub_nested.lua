return ("x"):gsub(".", function() return ("x"):gsub(".", function() return string.rep("y", 10) end) end)
