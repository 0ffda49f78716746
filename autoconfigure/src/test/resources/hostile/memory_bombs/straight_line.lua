local s = ("w"):rep(8e6)
local t = {}
t[1] = s .. s .. s .. s
t[2] = s .. s .. s .. s .. s
t[3] = s .. s .. s .. s .. s .. s
t[4] = s .. s .. s .. s .. s .. s .. s
t[5] = s .. s .. s .. s .. s .. s .. s .. s
t[6] = s .. s .. s .. s .. s .. s .. s .. s .. s
t[7] = s .. s .. s .. s .. s .. s .. s .. s .. s .. s
t[8], t[9], t[10] = s .. s .. s .. s, s .. s .. s .. s .. s, s .. s .. s .. s .. s .. s
return #t
