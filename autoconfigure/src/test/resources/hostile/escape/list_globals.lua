local t = {} for k, v in pairs(_G) do t[#t+1] = k end table.sort(t) return table.concat(t, ",")
