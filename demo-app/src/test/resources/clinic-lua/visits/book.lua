-- Books a visit on an ISO date; returns the visit count and the day after, as Lua sees it.
local pet, date = ...
local count = clinic:add_visit(pet, date, "rabies shot")
return { count = count, next = clinic:day_after(date), born = clinic:birth_date(pet) }
