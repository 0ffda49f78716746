return java.import("java.lang.Runtime")
