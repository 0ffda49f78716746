table.insert(world, "x")
