-- An init leaves the subject the matcher sees as long as without one.
return ('a'):rep(3000):find('.-.-.-.-.-b', 1)
