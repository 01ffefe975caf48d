"""The durable scheduler: due messages are database rows, dispatched by claim-send-mark."""
