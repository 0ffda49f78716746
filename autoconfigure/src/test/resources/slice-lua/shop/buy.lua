-- Sells an item when the warehouse has enough of it.
local item, quantity = ...
local available = stock:count(item)
if available < quantity then
  return { sold = 0, left = available }
end
stock:take(item, quantity)
return { sold = quantity, left = stock:count(item) }
