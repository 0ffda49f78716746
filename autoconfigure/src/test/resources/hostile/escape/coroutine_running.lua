return coroutine.running() and debug.getinfo
