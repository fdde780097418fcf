package dev.loopinfo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 written by hand on a socket, for what no HTTP client sends: malformed,
 * pipelined, half-sent or abandoned requests, and connections held open. Requests are
 * written exactly as given.
 */
public final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)");

    private RawHttp() {
    }

    /** A connection to {@code localhost:port} whose reads give up after 10 s. */
    public static Socket open(int port) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /**
     * Writes {@code text} as it is: characters up to U+00FF as those very bytes (a raw
     * WebSocket frame among them), and any text beyond them as UTF-8.
     */
    public static void send(Socket socket, String text) throws IOException {
        boolean bytes = text.chars().allMatch(c -> c <= 0xFF);
        socket.getOutputStream().write(text.getBytes(bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /**
     * Sends {@code request} on a new connection and reads until the server closes it:
     * every answer it gave, as UTF-8. The request says {@code Connection: close}, or is
     * one the server closes on. A reset after the answers arrived still leaves them to
     * check.
     */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = open(port)) {
            send(socket, request);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                    all.write(buffer, 0, read);
                }
            }
            catch (SocketException reset) {
                if (all.size() == 0) {
                    throw reset;
                }
            }
            return all.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads an answer's head, up to and with its blank line, byte by byte so that nothing
     * after it is consumed.
     */
    public static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            assertThat(next).as("the answer's head, so far: %s", head).isNotNegative();
            head.write(next);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads one whole answer off a connection that stays open: its head, then exactly
     * {@code Content-Length} bytes of body, as text.
     */
    public static String readResponse(Socket socket) throws IOException {
        String head = readHead(socket);
        Matcher length = CONTENT_LENGTH.matcher(head);
        assertThat(length.find()).as("a sized answer: %s", head).isTrue();
        byte[] body = socket.getInputStream().readNBytes(Integer.parseInt(length.group(1)));
        assertThat(body).as("the body of %s", head).hasSize(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.UTF_8);
    }

}
