"""The roster of party organisations assessed: general branches and the branches under them."""
