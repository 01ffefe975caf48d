"""aiohttp application with liveness and readiness; channels add their own routes."""

from __future__ import annotations

from aiohttp import web

from bot.storage.db import Database

DB_KEY = web.AppKey("db", Database)


async def healthz(_request: web.Request) -> web.Response:
    """Liveness: the process answers. Never touches the database, so it cannot flap with it."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Readiness: take traffic only while the database answers."""
    if await request.app[DB_KEY].ping():
        return web.json_response({"status": "ready"})
    return web.json_response({"status": "database unreachable"}, status=503)


def build_web_app(db: Database) -> web.Application:
    app = web.Application(client_max_size=1024 * 1024)
    app[DB_KEY] = db
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app
