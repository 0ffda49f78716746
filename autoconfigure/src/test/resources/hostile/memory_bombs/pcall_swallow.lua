local kept = {}
for i = 1, 100 do
  pcall(function() kept[#kept + 1] = string.rep("p", 8e6) .. i end)
end
return #kept
