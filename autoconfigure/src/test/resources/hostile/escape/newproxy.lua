return newproxy(true)
