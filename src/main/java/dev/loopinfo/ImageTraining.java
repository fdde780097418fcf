package dev.loopinfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The image's training run ({@code src/image/Containerfile}): starts loopinfo on free ports, where it warms itself up
 * on each kind of first request, then asks what a pod's first minute asks — the kubelet's probes, a scrape, a
 * greeting as HTML and as JSON — and stops it. The JVM writes what the start and those requests loaded and linked,
 * and how the methods ran, to its AOT cache, so that the image's every start and first requests find it there.
 */
public final class ImageTraining {

    private ImageTraining() {
    }

    public static void main(String[] args) throws IOException {
        SpringApplication loopinfo = new SpringApplication(LoopinfoApplication.class);
        // Spring AOT finds the generated bean definitions by the application's main class, not by this one.
        loopinfo.setMainApplicationClass(LoopinfoApplication.class);
        ConfigurableApplicationContext context = loopinfo.run("--server.port=0", "--management.server.port=0",
                "--spring.main.banner-mode=off");
        Environment environment = context.getEnvironment();
        int app = environment.getRequiredProperty("local.server.port", Integer.class);
        int management = environment.getRequiredProperty("local.management.port", Integer.class);
        get(management, "/actuator/health/startup", "application/json");
        get(management, "/actuator/health/liveness", "application/json");
        get(management, "/actuator/health/readiness", "application/json");
        get(management, "/actuator/prometheus", "text/plain");
        get(app, "/hello/Ada", "text/html");
        get(app, "/hello/Ada", "application/json");
        System.exit(SpringApplication.exit(context));
    }

    /** Asks once and reads the whole answer; the connection closes after it. */
    private static void get(int port, String path, String accept) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            in.readAllBytes();
        }
    }
}
