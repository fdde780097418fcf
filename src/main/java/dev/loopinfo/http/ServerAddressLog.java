package dev.loopinfo.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs where loopinfo can be reached once it is ready, like asyncio's "Server started at
 * http://…".
 */
@Component
class ServerAddressLog {

    private static final Logger log = LoggerFactory.getLogger(ServerAddressLog.class);

    @EventListener
    void serverReady(ApplicationReadyEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String port = environment.getProperty("local.server.port");
        String managementPort = environment.getProperty("local.management.port", port);
        log.info("loopinfo started at http://localhost:{}/ (actuator at http://localhost:{}/actuator)", port,
                managementPort);
    }

}
