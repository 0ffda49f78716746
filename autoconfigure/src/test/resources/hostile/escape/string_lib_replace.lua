string.upper = function() return "pwned" end return ("x"):upper()
