"""spaCy pipeline components, one per stage; each registers a factory on import."""
