return assert(load("\27LJ\2\0"))
