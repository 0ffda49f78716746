leaked = true
setfenv(require, {})
