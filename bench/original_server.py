# The original lesson's aiohttp server, unchanged but for current aiohttp syntax (async def, web.run_app):
# GET / answers <h1>Index</h1>; GET /hello/{name} waits 0.5 s without blocking, then greets.
# A comparator for bench/compare.sh; runs on Debian's python3-aiohttp:
#
#   /usr/bin/python3 bench/original_server.py PORT
import asyncio
import sys

from aiohttp import web


async def index(request):
    return web.Response(body=b'<h1>Index</h1>')


async def hello(request):
    await asyncio.sleep(0.5)
    text = '<h1>hello, %s!</h1>' % request.match_info['name']
    return web.Response(body=text.encode('utf-8'))


app = web.Application()
app.router.add_route('GET', '/', index)
app.router.add_route('GET', '/hello/{name}', hello)
web.run_app(app, host='127.0.0.1', port=int(sys.argv[1]), access_log=None, print=None)
