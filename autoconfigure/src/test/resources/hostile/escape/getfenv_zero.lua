return getfenv(0).io
