local piece, t = ("z"):rep(1e6), {}
for i = 1, 2000 do t[i] = piece end
return #table.concat(t)
