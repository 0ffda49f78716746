-- A negative init counts from the end: the matcher still sees the whole subject.
local s = ('a'):rep(3000)
return s:match('(.-)(.-)(.-)(.-)b', -3000)
