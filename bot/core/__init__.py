"""The channel-neutral conversation core: every channel calls into this package."""
