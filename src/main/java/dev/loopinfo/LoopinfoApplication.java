package dev.loopinfo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts loopinfo. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LoopinfoApplication {

    public static void main(String[] args) {
        SpringApplication.run(LoopinfoApplication.class, args);
    }
}
