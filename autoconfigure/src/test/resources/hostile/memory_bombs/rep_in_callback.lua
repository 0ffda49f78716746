return #(("ab"):rep(100):gsub("a", function() return string.rep("q", 5e6) end))
