-- Every chunk is fresh and runs one function entry: only load itself counts.
source = "return load(source)()"
return load(source)()
