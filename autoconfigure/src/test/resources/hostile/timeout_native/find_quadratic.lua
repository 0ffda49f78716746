local s = ('x'):rep(1e6)
return s:find('.-b')
