local n = 0
while true do n = n + probe:ping() end
