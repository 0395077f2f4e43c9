VERSION = "directory"
