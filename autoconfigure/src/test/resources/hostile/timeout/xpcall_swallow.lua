while true do local ok, err = xpcall(function() while true do end end, function(e) return e end) end
