return getmetatable(world)
