return os.getenv("HOME")
