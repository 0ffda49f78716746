leaked = true
setfenv(print, { tostring = function() tally:count() return "" end })
