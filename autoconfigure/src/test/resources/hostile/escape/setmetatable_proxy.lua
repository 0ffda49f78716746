return setmetatable(world, {})
