local function f() local co = coroutine.wrap(f) co() end f()
