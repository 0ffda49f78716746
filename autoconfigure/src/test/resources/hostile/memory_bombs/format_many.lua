local big = ("f"):rep(4e6)
return #string.format(("%s"):rep(200), unpack((function() local t = {} for i = 1, 200 do t[i] = big end return t end)()))
