leaked = true
setfenv(-0.5, {})
