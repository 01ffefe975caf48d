"""The one HTTP server: health checks and the channels' webhook endpoints."""
