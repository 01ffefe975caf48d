"""Features plugged into the conversation core, one module each."""
