local s = "x"
for i = 1, 28 do s = s .. s end
return #s
