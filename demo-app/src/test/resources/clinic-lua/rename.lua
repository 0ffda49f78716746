-- Renames a pet; returns the name the script then reads back.
local pet, name = ...
clinic:rename(pet, name)
return clinic:pet(pet)
