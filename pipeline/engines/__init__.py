"""Alternative execution engines for the same run (the default engine is `pipeline.run`)."""
