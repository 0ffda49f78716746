-- Each pass is one linear search over a long string: few passes, each far from cheap.
local s = ('y'):rep(3e6)
for i = 1, 1000 do s:find('[z]') end
