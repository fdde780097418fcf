package dev.loopinfo.settings;

import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start-up, before any bean is made, when a rule between {@code loopinfo.*}
 * settings is broken or a {@code loopinfo.*} key is no setting: binding each setting
 * alone would miss both. {@link InvalidSettingsAnalyzer} then reports every problem at
 * once, each setting's own among them.
 */
@Component
class SettingsCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = new SettingsProblems(environment, settingsRecords(beanFactory)).acrossSettings();
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    /**
     * The settings records, from their bean definitions: a class-path scan would cost the
     * start-up more than all the rest of the check, and an application processed by
     * Spring AOT does no other scan.
     */
    private static List<Class<?>> settingsRecords(ConfigurableListableBeanFactory beanFactory) {
        return Arrays.stream(beanFactory.getBeanDefinitionNames())
            .<Class<?>>map(name -> beanFactory.getType(name, false))
            .filter(type -> type != null && type.isRecord() && type.isAnnotationPresent(ConfigurationProperties.class))
            .toList();
    }

    /**
     * Settings that stop the start-up; the analyzer reports them, with every other
     * problem.
     */
    static final class InvalidSettingsException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        InvalidSettingsException(List<String> problems) {
            super("Invalid loopinfo settings:\n" + String.join("\n", problems));
        }

    }

}
