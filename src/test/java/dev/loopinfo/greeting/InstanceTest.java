package dev.loopinfo.greeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.env.MockEnvironment;

class InstanceTest {

    @Test
    void inKubernetesTheDownwardApiNamesPodNodeAndNamespace() {
        MockEnvironment environment = new MockEnvironment().withProperty("POD_NAME", "loopinfo-7d9f-x2x4")
            .withProperty("HOSTNAME", "ignored")
            .withProperty("NODE_NAME", "node-a")
            .withProperty("POD_NAMESPACE", "demo");
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");

        assertThat(Instance.of(new BuildProperties(build), environment))
            .isEqualTo(new Instance("1.2.3", "loopinfo-7d9f-x2x4", "node-a", "demo"));
    }

    @Test
    void elsewhereTheHostNameAndNoNodeOrNamespace() {
        Instance instance = Instance.of(null, new MockEnvironment().withProperty("HOSTNAME", "laptop"));

        assertThat(instance).isEqualTo(new Instance("unknown", "laptop", "", ""));
    }

}
