leaked = true
setfenv(string.gsub, {})
