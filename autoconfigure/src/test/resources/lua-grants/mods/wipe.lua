local hp = world:get_hp(1)
return admin:wipe() + hp
