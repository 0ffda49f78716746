return #string.rep("x", "3e8")
