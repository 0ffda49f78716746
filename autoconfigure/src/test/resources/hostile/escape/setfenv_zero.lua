setfenv(0, {})
