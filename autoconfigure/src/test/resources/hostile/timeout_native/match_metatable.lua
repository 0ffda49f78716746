local s = ('a'):rep(3000)
return s:match('(.-)(.-)(.-)(.-)b')
