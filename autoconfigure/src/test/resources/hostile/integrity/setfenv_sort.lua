-- Give the shared table.sort wrapper an environment whose table.sort is the attacker's.
leaked = true
setfenv(table.sort, { table = { sort = function() tally:count() end } })
