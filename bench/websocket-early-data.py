#!/usr/bin/env python3
"""Opens N WebSockets to /ws/echo that send a frame with the handshake, before its answer (RFC 6455 4.1 forbids
it), and prints the server's direct memory before and after: it stays flat; a leak of those bytes grows it by
about 1.5 KB a socket. Runs against a loopinfo already started with its defaults (./mvnw spring-boot:run).

    python3 bench/websocket-early-data.py [N=25000] [APP_PORT=8080] [MANAGEMENT_PORT=8081]
"""
import concurrent.futures
import re
import socket
import sys
import urllib.request

HANDSHAKE = (b"GET /ws/echo HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
EARLY_FRAME = b"\x82\xfe\x0f\xa0abcd" + b"x" * 4000  # a masked 4,000-byte binary frame


def direct_memory(port):
    metrics = urllib.request.urlopen(f"http://localhost:{port}/actuator/prometheus").read().decode()
    return float(re.search(r'^jvm_buffer_memory_used_bytes\{[^}]*id="direct"[^}]*\} (\S+)', metrics, re.M).group(1))


def early_socket(port):
    with socket.create_connection(("localhost", port)) as connection:
        connection.sendall(HANDSHAKE + EARLY_FRAME)
        try:
            while connection.recv(4096):  # the 101, then a close frame with 1002, then the end
                pass
        except ConnectionResetError:
            pass  # closed with the frame's bytes still unread: a reset is how that close arrives


arguments = sys.argv[1:] + ["25000", "8080", "8081"][len(sys.argv) - 1:]
n, app, management = (int(argument) for argument in arguments)
before = direct_memory(management)
with concurrent.futures.ThreadPoolExecutor(16) as senders:
    list(senders.map(lambda _: early_socket(app), range(n)))
after = direct_memory(management)
print(f"{n} sockets with early data: direct memory {before / 2**20:.1f} MiB before, {after / 2**20:.1f} MiB after")
