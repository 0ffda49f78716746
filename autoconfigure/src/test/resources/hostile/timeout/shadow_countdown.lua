-- Locals named like the countdown the runtime compiles in, to shadow it if it could.
local luayield_count, luayield_check = 1e308, function() return 1e308 end
while true do luayield_count = 1e308 end
