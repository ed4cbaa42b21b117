print("hubgate")
