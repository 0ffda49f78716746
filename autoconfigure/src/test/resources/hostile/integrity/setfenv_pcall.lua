leaked = true
setfenv(pcall, {})
