"""Splits a JFR recording's execution samples among what loopinfo adds to a request (bench/request-costs.sh).

A sample counts for a part when the part's code is the innermost of loopinfo's parts on the sampled stack and no
hand-on (the next Netty handler, the next WebFilter) lies between it and the sampled frame: work a part hands on
belongs to whatever it reached. Prints each part's share of all samples of the server's threads.
"""
import collections
import re
import sys

PARTS = [
    ("security headers", ("dev.loopinfo.http.SecurityHeaders",)),
    ("strict request check", ("dev.loopinfo.http.StrictRequests", "dev.loopinfo.http.MalformedBody")),
    ("body timeout", ("dev.loopinfo.http.RequestBodyTimeout",)),
    ("Vary handler", ("dev.loopinfo.http.VaryByEncoding",)),
    ("fault filter", ("dev.loopinfo.testbed.FaultInjection",)),
    ("Accept check", ("dev.loopinfo.web.AcceptHeaderCheck",)),
    ("connection meters", ("dev.loopinfo.eventloop.ConnectionMeters", "dev.loopinfo.eventloop.EventLoopHandler")),
    ("connection limit", ("dev.loopinfo.http.ConnectionLimit",)),
    ("WebSocket frame check", ("dev.loopinfo.testbed.StrictWebSocket",)),
    ("compression", ("io.netty.handler.codec.http.HttpContentCompressor", "io.netty.handler.codec.http.HttpContentEncoder",
                     "reactor.netty.http.server.SimpleCompressionHandler", "reactor.netty.http.server.HttpServerOperations.compress")),
    ("routing and Accept negotiation", ("dev.loopinfo.web.Routing", "org.springframework.web.reactive.function.server.RouterFunctions",
                                        "org.springframework.web.reactive.function.server.RequestPredicates")),
    ("page rendering", ("io.jstach.", "dev.loopinfo.web.PageEncoder", "dev.loopinfo.web.Page")),
    ("observation", ("io.micrometer.", "io.prometheus.", "org.springframework.http.server.reactive.observation.",
                     "org.springframework.web.server.adapter.HttpWebHandlerAdapter.lambda$handle",
                     "dev.loopinfo.http.WarmUp")),
]
HAND_ON = ("io.netty.channel.AbstractChannelHandlerContext.fire", "io.netty.channel.AbstractChannelHandlerContext.write",
           "io.netty.channel.AbstractChannelHandlerContext.invoke", "org.springframework.web.server.handler.DefaultWebFilterChain",
           "io.netty.channel.ChannelOutboundHandlerAdapter.write", "io.netty.channel.ChannelInboundHandlerAdapter.channelRead",
           "io.netty.channel.ChannelDuplexHandler.write")
FRAME = re.compile(r'^[\w$.<>/]+\(.*\)\s+line:')  # as `jfr print` writes a stack frame
SERVER_THREADS = re.compile(r'reactor-http-(epoll|nio|io_uring)')


def part_of(frames):
    for frame in frames:  # innermost first
        if frame.startswith(HAND_ON):
            return None
        for name, prefixes in PARTS:
            if frame.startswith(prefixes):
                return name
    return None


def main(path):
    counts = collections.Counter()
    total = 0
    frames, thread = [], ""
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("jdk.ExecutionSample"):
            frames, thread = [], ""
        elif line.startswith("sampledThread"):
            thread = line
        elif FRAME.match(line):
            frames.append(line)
        elif line == "}" and frames:
            if SERVER_THREADS.search(thread):
                total += 1
                counts[part_of(frames) or "the rest"] += 1
            frames = []
    print(f"samples on the server's event loops: {total}")
    for name, _ in PARTS + [("the rest", ())]:
        print(f"{name}\t{counts[name]}\t{100.0 * counts[name] / max(total, 1):.2f} %")


if __name__ == "__main__":
    main(sys.argv[1])
