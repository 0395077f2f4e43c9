VERSION = "py file"
