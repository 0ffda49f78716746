return collectgarbage("stop")
