for w in ('a'):rep(5000):gmatch('.-.-.-b') do end
