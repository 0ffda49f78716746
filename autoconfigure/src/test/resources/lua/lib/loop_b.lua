return require("lib/loop_a")
