-- Joins the caller's transaction, writes, then fails.
local last = ...
clinic:register_owner("Jean", last)
error("the script changed its mind")
