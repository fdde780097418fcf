#!/usr/bin/env python3
"""Opens N keep-alive connections to loopinfo, sends one request on each, keeps them all open and idle, and
prints the server's resident memory while they are held.

    python3 bench/idle_connections.py PID PORT [N=10000] [HOLD_SECONDS=10]
"""
import asyncio
import resource
import sys


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


async def open_one(port, held, failures):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        await writer.drain()
        head = await reader.readuntil(b"</html>")
        if not head.startswith(b"HTTP/1.1 200"):
            failures.append(head[:40])
        held.append(writer)
    except Exception as error:  # counted and reported below
        failures.append(repr(error))


async def main(pid, port, count, hold):
    held, failures = [], []
    batch = 500
    for start in range(0, count, batch):
        await asyncio.gather(*(open_one(port, held, failures) for _ in range(min(batch, count - start))))
    await asyncio.sleep(hold)
    print(f"{len(held)} idle keep-alive connections held, {len(failures)} failed; server RSS {rss_mib(pid)} MiB")
    for writer in held:
        writer.close()


if __name__ == "__main__":
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    pid, port = int(sys.argv[1]), int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    hold = float(sys.argv[4]) if len(sys.argv) > 4 else 10
    asyncio.run(main(pid, port, count, hold))
