package dev.loopinfo;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The image's training run ({@code src/image/Containerfile}): starts loopinfo on free ports, where it warms itself up
 * on each kind of first request, then stops it. The JVM writes what the start and those requests loaded and linked,
 * and how the methods ran, to its AOT cache, so that the image's every start and first requests find it there.
 */
public final class ImageTraining {

    private ImageTraining() {
    }

    public static void main(String[] args) {
        SpringApplication loopinfo = new SpringApplication(LoopinfoApplication.class);
        // Spring AOT finds the generated bean definitions by the application's main class, not by this one.
        loopinfo.setMainApplicationClass(LoopinfoApplication.class);
        ConfigurableApplicationContext context = loopinfo.run("--server.port=0", "--management.server.port=0",
                "--spring.main.banner-mode=off");
        System.exit(SpringApplication.exit(context));
    }
}
