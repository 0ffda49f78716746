return getmetatable("").__index
