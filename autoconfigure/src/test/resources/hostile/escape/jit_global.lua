return jit.version
