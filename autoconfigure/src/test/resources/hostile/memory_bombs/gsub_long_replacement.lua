return #(("x"):rep(1e6):gsub("x", ("y"):rep(1000)))
