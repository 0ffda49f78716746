return require("lib/loop_b")
