-- LuaJIT truncates levels: 0.5 is level 0.
leaked = true
setfenv(0.5, {})
