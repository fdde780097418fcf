package dev.loopinfo;

import java.io.IOException;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.loopinfo.http.WarmUp;

/**
 * The image's training run ({@code src/image/Containerfile}): starts loopinfo on free
 * ports, where it warms itself up on each kind of first request, then asks what a pod's
 * first minute asks — the kubelet's probes, a scrape, a greeting as HTML and as JSON —
 * and stops it. The JVM writes what the start and those requests loaded and linked, and
 * how the methods ran, to its AOT cache, so that the image's every start and first
 * requests find it there.
 */
public final class ImageTraining {

    private ImageTraining() {
    }

    public static void main(String[] args) throws IOException {
        SpringApplication loopinfo = new SpringApplication(LoopinfoApplication.class);
        // Spring AOT finds the generated bean definitions by the application's main
        // class, not by this one.
        loopinfo.setMainApplicationClass(LoopinfoApplication.class);
        ConfigurableApplicationContext context = loopinfo.run("--server.port=0", "--management.server.port=0",
                "--spring.main.banner-mode=off");
        Environment environment = context.getEnvironment();
        int app = environment.getRequiredProperty("local.server.port", Integer.class);
        int management = environment.getRequiredProperty("local.management.port", Integer.class);
        WarmUp.ask(management, "application/json", "/actuator/health/startup");
        WarmUp.ask(management, "application/json", "/actuator/health/liveness");
        WarmUp.ask(management, "application/json", "/actuator/health/readiness");
        WarmUp.ask(management, "text/plain", "/actuator/prometheus");
        WarmUp.ask(app, "text/html", "/hello/Ada");
        WarmUp.ask(app, "application/json", "/hello/Ada");
        System.exit(SpringApplication.exit(context));
    }

}
