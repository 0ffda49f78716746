-- A tail call to an endpoint with a bad argument, on line 4.
local unused = ...

return clinic:pet('x')
