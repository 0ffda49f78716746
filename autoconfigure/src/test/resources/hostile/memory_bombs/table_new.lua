return #require("table.new")(2^27 - 1, 0)
